/**
 * Pandoc's strings are rendered inlines (emphasis marks gone, escapes resolved, typographic dashes and quotes,
 * non-breaking spaces): what Citelens reads as a citation's prefix or suffix is compared with them in this form.
 * Shared by the conformance test (Pandoc's own cases) and the differential test (generated documents).
 */
export function pandocPlain(s: string): string {
  return s
    .replace(/\\([\\`*_{}\[\]()#+\-.!@$])/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/\u00a0/g, ' ')
    .replace(/[*_`$]/g, '')
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
