#!/usr/bin/env bash
# Unseen published R Markdown for measuring false alarms: the vignettes (and their .bib files) of Debian's R
# packages under 3 MB each (~1,170 packages, ~0.7 GB downloaded, ~1,100 .Rmd files kept). Needs Debian's archive.
# Usage: bash scripts/fetchVignettes.sh [DIR]   (default /tmp/citelens-vignettes), then
#        node --import tsx scripts/vignettes.ts [DIR]
set -euo pipefail
dir=${1:-/tmp/citelens-vignettes}
mkdir -p "$dir/debs" "$dir/files"
apt-cache search '^r-(bioc|cran)-' | awk '{print $1}' | sort -u > "$dir/names.txt"
apt-cache show $(cat "$dir/names.txt") 2>/dev/null | awk '/^Package:/{p=$2} /^Size:/{if ($2 < 3000000) print p}' | sort -u > "$dir/small.txt"
(cd "$dir/debs" && xargs -a ../small.txt -n 40 apt-get download -q >/dev/null 2>&1 || true)
for deb in "$dir"/debs/*.deb; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/files" --wildcards '*.Rmd' '*.rmd' '*.qmd' '*.bib' 2>/dev/null || true
done
echo "$(find "$dir/files/" \( -iname '*.rmd' -o -name '*.qmd' \) | wc -l) manuscripts in $dir/files"
