/**
 * The one renderer of the taxonomy-coverage heat map (terms × manuscript sections): a self-contained HTML page of
 * the protocol's {@link CoverageResult}, for the VS Code webview (`client/src/coverageView.ts`) and for
 * `citelens coverage --format html` (`cli/coverage.ts`). Shared like `protocol.ts`: it imports nothing but the
 * protocol's types, so the thin client may use it. Colours come from the VS Code theme's CSS variables; the page
 * loads nothing remote.
 *
 * In a webview (with a `nonce`) the CSP allows only this page's own nonce'd style and script, and clicking a cell,
 * a section or a term reveals it in the editor. As a file (no nonce) the page has no script and nothing to click.
 */
import type { CoverageResult, CoverageViewMessage } from './protocol';

export interface CoverageHtmlOptions {
  /** A fresh random nonce for the inline style and script (a webview); without one, a page with no script. */
  nonce?: string;
  /** `webview.cspSource`. */
  cspSource?: string;
}

/** Deeper terms are indented like the deepest styled level (style attributes would need 'unsafe-inline'). */
const maxDepth = 8;
const depthRules = Array.from({ length: maxDepth + 1 }, (_, d) => `th.d${d} { padding-left: ${6 + d * 14}px; }`).join(' ');

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapeMap[c]!);
}

/** Returns the full HTML document of the coverage view. */
export function renderCoverageHtml(result: CoverageResult, { nonce, cspSource }: CoverageHtmlOptions = {}): string {
  const csp = nonce
    ? `default-src 'none'; img-src ${cspSource ?? ''} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`
    : `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none';`;
  /** The message an element posts when clicked, serialized into its `data-reveal` attribute (with a script only). */
  const revealAttr = (message: CoverageViewMessage | undefined): string =>
    message && nonce ? ` data-reveal="${escapeHtml(JSON.stringify(message))}" tabindex="0" role="button"` : '';
  const max = Math.max(1, ...result.terms.flatMap((t) => t.cells.map((c) => c.mentions)));
  const head = result.sections
    .map((s) => {
      const reveal: CoverageViewMessage = { type: 'reveal', uri: s.location.uri, range: s.location.range };
      return `<th scope="col" class="section" title="${escapeHtml(s.title)}"${revealAttr(reveal)}><span>${escapeHtml(s.title)}</span></th>`;
    })
    .join('');
  const rows = result.terms
    .map((term) => {
      const def = term.definition ? ({ type: 'reveal', uri: term.definition.uri, range: term.definition.range } as const) : undefined;
      const title = term.description ? ` title="${escapeHtml(term.description)}"` : '';
      const label = `<th scope="row" class="term d${Math.min(term.depth, maxDepth)}"${title}${revealAttr(def)}>${escapeHtml(term.label)}</th>`;
      const cells = term.cells
        .map((cell, i) => {
          const first = cell.locations[0];
          const reveal = first ? ({ type: 'reveal', uri: first.uri, range: first.range } as const) : undefined;
          // Mentions shade the cell; 0 stays blank so gaps in coverage stand out.
          const level = cell.mentions === 0 ? 0 : Math.ceil((cell.mentions / max) * 4);
          const tip = `${term.label} in ${result.sections[i]?.title ?? ''}: ${cell.mentions} mention(s), ${cell.works} cited work(s)`;
          return `<td class="l${level}" title="${escapeHtml(tip)}"${revealAttr(reveal)}>${cell.mentions || ''}</td>`;
        })
        .join('');
      return `<tr>${label}${cells}<td class="works">${term.bibliographyWorks}</td></tr>`;
    })
    .join('\n');
  const note = result.message ? `<p class="note">${escapeHtml(result.message)}</p>` : '';
  const table = result.terms.length
    ? `<table><thead><tr><th scope="col">Term</th>${head}<th scope="col" title="Works in the bibliography covering the term">Works</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Taxonomy coverage</title>
<style${nonce ? ` nonce="${nonce}"` : ''}>
${nonce ? '' : FILE_THEME}  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
  table { border-collapse: collapse; }
  th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 2px 6px; }
  thead th { position: sticky; top: 0; background: var(--vscode-editor-background); font-weight: 600; vertical-align: bottom; }
  /* Section titles run upwards so many sections fit side by side; long ones are cut (the tooltip has them whole). */
  thead th.section span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; max-height: 12em; overflow: hidden; text-overflow: ellipsis; font-weight: normal; }
  th.term { text-align: left; font-weight: normal; white-space: nowrap; }
  ${depthRules}
  td { text-align: center; min-width: 2.5em; }
  td.works { color: var(--vscode-descriptionForeground); }
  td.l1 { background: color-mix(in srgb, var(--vscode-charts-blue) 20%, transparent); }
  td.l2 { background: color-mix(in srgb, var(--vscode-charts-blue) 40%, transparent); }
  td.l3 { background: color-mix(in srgb, var(--vscode-charts-blue) 60%, transparent); }
  td.l4 { background: color-mix(in srgb, var(--vscode-charts-blue) 80%, transparent); }
  [data-reveal] { cursor: pointer; }
  [data-reveal]:hover, [data-reveal]:focus { outline: 1px solid var(--vscode-focusBorder); }
  .note { color: var(--vscode-descriptionForeground); max-width: 60em; }
</style>
</head>
<body>
<h2>Taxonomy coverage: ${escapeHtml(result.title)}</h2>
${note}
${table}
${nonce ? revealScript(nonce) : ''}</body>
</html>`;
}

/** A page on disk has no editor theme: VS Code's light theme colours (webviews set these variables themselves). */
const FILE_THEME = `  :root { --vscode-foreground: #1f2328; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #656d76;
    --vscode-panel-border: #d8dee4; --vscode-charts-blue: #1f6feb; --vscode-focusBorder: #0969da;
    --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif; --vscode-font-size: 13px; }
`;

/** Posts a clicked element's `data-reveal` message to the extension (mouse, Enter or Space). */
function revealScript(nonce: string): string {
  return `<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const reveal = (el) => { const t = el.closest('[data-reveal]'); if (t) vscode.postMessage(JSON.parse(t.dataset.reveal)); };
  document.addEventListener('click', (e) => reveal(e.target));
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') reveal(e.target); });
</script>
`;
}
