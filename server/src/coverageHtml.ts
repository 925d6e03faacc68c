/**
 * The one renderer of the taxonomy-coverage heat map (terms × manuscript sections): a self-contained HTML page of
 * the protocol's {@link CoverageResult}, for the VS Code webview (`client/src/coverageView.ts`) and for
 * `citelens coverage --format html` (`cli/coverage.ts`). Shared like `protocol.ts`: it imports nothing but the
 * protocol's types, so the thin client may use it. Colours come from the VS Code theme's CSS variables; the page
 * loads nothing remote.
 *
 * In a webview (with a `nonce`) the CSP allows only this page's own nonce'd style and script, and clicking a section
 * or a term reveals it in the editor; clicking a cell reveals its first mention, the next click the second, and so on
 * round (issue 16 item 10). As a file (no nonce) the page has no script and nothing to click.
 *
 * Layout, so that it fits the half-width panel it opens in: the Works column comes right after the terms (never
 * scrolled off), term labels wrap, section titles run upwards, cells are narrow; a legend above the table says what
 * shade, numbers and Works mean.
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
          // Mentions shade the cell; 0 stays blank so gaps in coverage stand out.
          const level = cell.mentions === 0 ? 0 : Math.ceil((cell.mentions / max) * 4);
          const steps = cell.locations.length > 1 ? ` — click again for the next of ${cell.locations.length}` : '';
          const tip = `${term.label} in ${result.sections[i]?.title ?? ''}: ${cell.mentions} mention(s), ${cell.works} cited work(s)${steps}`;
          const mentions = cell.locations.map((l): CoverageViewMessage => ({ type: 'reveal', uri: l.uri, range: l.range }));
          const click = mentions.length && nonce ? ` data-mentions="${escapeHtml(JSON.stringify(mentions))}" tabindex="0" role="button"` : '';
          return `<td class="l${level}" title="${escapeHtml(tip)}"${click}>${cell.mentions || ''}</td>`;
        })
        .join('');
      return `<tr>${label}<td class="works">${term.bibliographyWorks}</td>${cells}</tr>`;
    })
    .join('\n');
  const note = result.message ? `<p class="note">${escapeHtml(result.message)}</p>` : '';
  const legend = result.terms.length ? legendHtml(max, Boolean(nonce)) : '';
  const table = result.terms.length
    ? `<table><thead><tr><th scope="col" class="termhead">Term</th><th scope="col" class="workshead" title="${escapeHtml(WORKS_MEANING)}">Works</th>${head}</tr></thead>
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
  body { margin: 0 8px; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 1px 3px; }
  thead th { position: sticky; top: 0; background: var(--vscode-editor-background); font-weight: 600; vertical-align: bottom; }
  /* Section titles run upwards so many sections fit side by side; long ones are cut (the tooltip has them whole). */
  thead th.section span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; max-height: 10em; overflow: hidden; text-overflow: ellipsis; font-weight: normal; }
  /* Term labels wrap rather than push the sections off the panel. */
  th.term { text-align: left; font-weight: normal; min-width: 8em; max-width: 16em; }
  ${depthRules}
  td { text-align: center; min-width: 1.6em; }
  td.works, th.workshead { color: var(--vscode-descriptionForeground); border-right-width: 2px; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; margin: 4px 0 8px; color: var(--vscode-descriptionForeground); max-width: 60em; }
  .legend .swatch { display: inline-block; width: 1.4em; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); text-align: center; }
  td.l1, .swatch.l1 { background: color-mix(in srgb, var(--vscode-charts-blue) 20%, transparent); }
  td.l2, .swatch.l2 { background: color-mix(in srgb, var(--vscode-charts-blue) 40%, transparent); }
  td.l3, .swatch.l3 { background: color-mix(in srgb, var(--vscode-charts-blue) 60%, transparent); }
  td.l4, .swatch.l4 { background: color-mix(in srgb, var(--vscode-charts-blue) 80%, transparent); }
  [data-reveal], [data-mentions] { cursor: pointer; }
  [data-reveal]:hover, [data-reveal]:focus, [data-mentions]:hover, [data-mentions]:focus { outline: 1px solid var(--vscode-focusBorder); }
  .note { color: var(--vscode-descriptionForeground); max-width: 60em; }
</style>
</head>
<body>
<h2>Taxonomy coverage: ${escapeHtml(result.title)}</h2>
${note}
${legend}
${table}
${nonce ? revealScript(nonce) : ''}</body>
</html>`;
}

/** A page on disk has no editor theme: VS Code's light theme colours (webviews set these variables themselves). */
const FILE_THEME = `  :root { --vscode-foreground: #1f2328; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #656d76;
    --vscode-panel-border: #d8dee4; --vscode-charts-blue: #1f6feb; --vscode-focusBorder: #0969da;
    --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif; --vscode-font-size: 13px; }
`;

/** What the Works column counts (its header's tooltip and the legend). */
const WORKS_MEANING = 'Works covering the term: cited in a sentence that uses it, or named by their title, abstract or keywords';

/** The legend: the shades (mentions, up to `max`), the numbers, the Works column and (in the editor) the clicks. */
function legendHtml(max: number, clickable: boolean): string {
  const shades = [1, 2, 3, 4].map((l) => `<span class="swatch l${l}">&nbsp;</span>`).join('');
  const parts = [
    `<span>${shades} mentions of the term in the section (darkest: ${max}); the number is the count, blank is none</span>`,
    `<span><b>Works</b>: ${escapeHtml(WORKS_MEANING.replace(/^Works covering/, 'works covering'))}</span>`,
  ];
  if (clickable) parts.push('<span>Click a cell: its first mention, again: the next one; a section or term: its heading or definition</span>');
  return `<div class="legend">${parts.join('')}</div>`;
}

/**
 * Posts a clicked element's `data-reveal` message to the extension (mouse, Enter or Space); a cell's
 * `data-mentions` are posted in turn, one per click, starting again after the last.
 */
function revealScript(nonce: string): string {
  return `<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const reveal = (el) => {
    const cell = el.closest('[data-mentions]');
    if (cell) {
      const all = JSON.parse(cell.dataset.mentions);
      const i = Number(cell.dataset.next || 0) % all.length;
      cell.dataset.next = String(i + 1);
      cell.dataset.shown = String(i + 1);
      vscode.postMessage(all[i]);
      return;
    }
    const t = el.closest('[data-reveal]');
    if (t) vscode.postMessage(JSON.parse(t.dataset.reveal));
  };
  document.addEventListener('click', (e) => reveal(e.target));
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') reveal(e.target); });
</script>
`;
}
