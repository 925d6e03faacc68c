#!/usr/bin/env bash
# The step of the Citelens GitHub Action (action.yml), also usable on its own in any CI: checks the manuscripts
# with `citelens check --format sarif`, writes the SARIF log for code scanning, prints a one-line summary, and
# exits as the CLI does: 0 when there are no errors and no more warnings than the budget, 1 otherwise, 2 when
# Citelens could not run (a usage or I/O failure; then no SARIF file is left behind).
#
# Settings (environment; action.yml maps its inputs onto them):
#   CITELENS_PATHS         files or folders to check, one per line (default: .)
#   CITELENS_MAX_WARNINGS  warnings budget, a whole number; empty: warnings never fail the check
#   CITELENS_SARIF_FILE    where to write the SARIF log (default: citelens.sarif)
#   CITELENS_ARGS          more arguments for `citelens check`, split at white space (e.g. --bib refs.bib)
#   CITELENS_VERSION       the npm version of Citelens to run (default: the version in this repository's
#                          package.json, so that the action at a tag runs the npm package of that version)
#   CITELENS_CLI           the command that runs Citelens instead (default: npx --yes citelens@<version>)
# Paths in the SARIF log are relative to the working directory: run it from the repository's root.
# In GitHub Actions it also writes the counts to $GITHUB_OUTPUT and a summary to $GITHUB_STEP_SUMMARY.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

sarif="${CITELENS_SARIF_FILE:-citelens.sarif}"
budget="${CITELENS_MAX_WARNINGS:-}"
paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "${CITELENS_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)

if [ -n "$budget" ] && ! [[ "$budget" =~ ^[0-9]+$ ]]; then
  echo "citelens: max-warnings must be a whole number ≥ 0, not “$budget”." >&2
  exit 2
fi

if [ -n "${CITELENS_CLI:-}" ]; then
  read -r -a cli <<< "$CITELENS_CLI"
else
  version="${CITELENS_VERSION:-$(node -p "require(process.argv[1]).version" "$root/package.json")}"
  cli=(npx --yes "citelens@$version")
fi

args=(check --format sarif)
[ -n "$budget" ] && args+=(--max-warnings "$budget")
if [ -n "${CITELENS_ARGS:-}" ]; then
  read -r -a extra <<< "$CITELENS_ARGS"
  args+=("${extra[@]}")
fi

mkdir -p "$(dirname "$sarif")"
"${cli[@]}" "${args[@]}" "${paths[@]}" > "$sarif"
status=$?
if [ "$status" -ge 2 ]; then
  rm -f "$sarif"
  echo "citelens: could not check ${paths[*]} (exit $status); no SARIF written." >&2
  exit "$status"
fi

# Count the results by level (error / warning / note) from the log itself.
read -r errors warnings notes < <(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const n = { error: 0, warning: 0, note: 0 };
  for (const run of log.runs) for (const r of run.results ?? []) n[r.level ?? "warning"]++;
  console.log(n.error, n.warning, n.note);
' "$sarif") || { echo "citelens: $sarif is not a SARIF log." >&2; exit 2; }

limit="${budget:-no limit}"
verdict=$([ "$status" -eq 0 ] && echo "passed" || echo "failed")
summary="Citelens $verdict: $errors errors, $warnings warnings (budget: $limit), $notes notes → $sarif"
echo "$summary"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "errors=$errors"; echo "warnings=$warnings"; echo "notes=$notes"; echo "sarif-file=$sarif"; } >> "$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "$summary" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
