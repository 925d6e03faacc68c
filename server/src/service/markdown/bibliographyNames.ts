/**
 * The bibliographies a metadata block names (front matter, `_quarto.yml`, `_metadata.yml`): its `bibliography:`,
 * and Quarto's per-format ones (`format: html: bibliography: refs.bib`), which Quarto applies when it renders that
 * format. A check reads them all, so a citation resolves if some format the author renders can resolve it (before,
 * a per-format bibliography was "no bibliography was found" on every citation).
 */
export function bibliographyNames(meta: unknown): string[] {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return [];
  const data = meta as Record<string, unknown>;
  const names = stringList(data.bibliography);
  const formats = data.format;
  if (formats && typeof formats === 'object' && !Array.isArray(formats)) {
    for (const options of Object.values(formats as Record<string, unknown>)) {
      if (options && typeof options === 'object' && !Array.isArray(options)) names.push(...stringList((options as Record<string, unknown>).bibliography));
    }
  }
  return [...new Set(names)];
}

/** A metadata value that is a string or a list of them, as a list (anything else: none). */
export function stringList(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
