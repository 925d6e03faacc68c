/**
 * The coverage matrix as a self-contained HTML heat map, for a VS Code webview or a file on disk.
 *
 * - Nothing is loaded from anywhere: styles (and, in a webview, a tiny script) are inline, under a
 *   strict Content-Security-Policy (`default-src 'none'`). With a `nonce` the style and script carry
 *   it; without one the page has no script at all and allows only its inline style.
 * - Colours come from VS Code theme variables with fallbacks, so the map follows the editor theme in
 *   a webview and has a light look on its own. Cell shades are discrete levels on a log scale, since
 *   mention counts are skewed (a few terms are mentioned everywhere).
 * - Every non-empty cell is a `<button>` with `data-uri`, `data-offset` and `data-end` (its first
 *   mention), and `data-range` (JSON) when `rangeOf` is given. In a webview, a click posts
 *   `{ type: 'reveal', uri, range }` (or `{ type: 'reveal', uri, offset, end }` without `rangeOf`)
 *   to the extension, which reveals that range.
 * - Terms mentioned without any cited work stand out (red bar, badge, hatched cells); terms never
 *   mentioned are dimmed.
 */
import type { Coverage, CoverageCell, CoverageLocation, CoverageTermRow } from './coverage';

export interface CoverageHtmlOptions {
  /** The webview's `cspSource`, allowed for styles. */
  cspSource?: string;
  /** A fresh nonce per render; enables the click-to-reveal script. */
  nonce?: string;
  /**
   * Converts a location to an LSP range (the host knows the documents' lines). When given, the
   * reveal message carries `range`, as `CoverageViewMessage` in the protocol expects.
   */
  rangeOf?: (location: CoverageLocation) => LspRange | null;
}

/** An LSP range (0-based line, UTF-16 character). */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Number of shades in the heat scale. */
const LEVELS = 6;

/** Renders the heat map page. */
export function coverageToHtml(coverage: Coverage, options: CoverageHtmlOptions = {}): string {
  const { nonce, cspSource } = options;
  const styleSrc = [cspSource, nonce ? `'nonce-${nonce}'` : `'unsafe-inline'`].filter(Boolean).join(' ');
  const scriptSrc = nonce ? `'nonce-${nonce}'` : `'none'`;
  const csp = `default-src 'none'; img-src data:; style-src ${styleSrc}; script-src ${scriptSrc};`;
  const nonceAttr = nonce ? ` nonce="${esc(nonce)}"` : '';
  const title = coverage.title ? `Taxonomy coverage — ${coverage.title}` : 'Taxonomy coverage';
  const columns = coverage.sections.length;

  const head = coverage.sections
    .map((s, i) => {
      const full = s.headingPath.length > 0 ? s.headingPath.join(' › ') : s.title;
      return `<th scope="col" class="col" title="${esc(full)}"><span>${esc(s.title)}</span><i>S${i + 1}</i></th>`;
    })
    .join('');
  const body = coverage.terms.map((row) => rowHtml(row, coverage, options)).join('\n');
  const withBib = coverage.terms.some((r) => r.bibliographyWorks !== undefined);
  const unsupported = coverage.terms.filter((r) => r.unsupported);
  const t = coverage.totals;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style${nonceAttr}>
${STYLE}
${columnHighlightRules(columns)}
</style>
</head>
<body>
<header>
  <h1>${esc(title)}</h1>
  <ul class="stats">
    <li><b>${t.mentioned}</b><span>of ${t.terms} terms mentioned</span></li>
    <li class="${t.unsupported > 0 ? 'alert' : ''}"><b>${t.unsupported}</b><span>mentioned without a cited work</span></li>
    <li class="${t.unmentioned > 0 ? 'muted' : ''}"><b>${t.unmentioned}</b><span>never mentioned</span></li>
    <li><b>${t.works}</b><span>works cited near terms</span></li>
  </ul>
  ${legendHtml(coverage.maxMentions)}
</header>
<main>
<div class="scroll">
<table class="grid">
<thead><tr><th scope="col" class="corner">Term</th>${head}<th scope="col" class="num" title="Mentions in the whole manuscript">Mentions</th><th scope="col" class="num" title="Distinct works cited where the term is mentioned">Works cited</th>${withBib ? '<th scope="col" class="num" title="Works in the bibliography whose title or abstract is about the term">In bibliography</th>' : ''}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
${unsupported.length > 0 ? needsSupportHtml(unsupported, options) : ''}
</main>
${nonce ? `<script${nonceAttr}>${SCRIPT}</script>` : ''}
</body>
</html>
`;
}

/** The `data-*` attributes of a button that jumps to `location`. */
function jumpAttributes(location: CoverageLocation, options: CoverageHtmlOptions): string {
  const range = options.rangeOf?.(location) ?? null;
  return (
    `data-uri="${esc(location.uri)}" data-offset="${location.span.start}" data-end="${location.span.end}"` +
    (range ? ` data-range="${esc(JSON.stringify(range))}"` : '')
  );
}

function rowHtml(row: CoverageTermRow, coverage: Coverage, options: CoverageHtmlOptions): string {
  const classes = [`d${Math.min(row.depth, 4)}`, row.unsupported ? 'unsupported' : '', row.unmentioned ? 'unmentioned' : '']
    .filter(Boolean)
    .join(' ');
  const badge = row.unsupported
    ? '<em class="badge alert">no cited work</em>'
    : row.unmentioned
      ? '<em class="badge">not mentioned</em>'
      : '';
  const tip = [row.path.join(' › '), row.description ?? ''].filter(Boolean).join('\n');
  const cells = row.cells.map((cell, i) => cellHtml(row, cell, coverage, i, options)).join('');
  const bib = row.bibliographyWorks === undefined ? '' : `<td class="num">${row.bibliographyWorks.length}</td>`;
  return (
    `<tr class="${classes}"><th scope="row" title="${esc(tip)}"><span class="label">${esc(row.label)}</span>${badge}</th>` +
    `${cells}<td class="num">${row.mentions}</td><td class="num">${row.works.length}</td>${bib}</tr>`
  );
}

function cellHtml(
  row: CoverageTermRow,
  cell: CoverageCell,
  coverage: Coverage,
  column: number,
  options: CoverageHtmlOptions,
): string {
  if (cell.mentions === 0 || !cell.first) return '<td class="empty"></td>';
  const section = coverage.sections[column];
  const level = levelOf(cell.mentions, coverage.maxMentions);
  const works =
    cell.works.length === 0
      ? 'no work cited where it is mentioned'
      : `${cell.works.length} work${cell.works.length === 1 ? '' : 's'} cited: ${abbreviateList(cell.works, 12)}`;
  const tip = `${row.label} in “${section.title}”: ${cell.mentions} mention${cell.mentions === 1 ? '' : 's'}, ${works}. Click to go to the first mention.`;
  const classes = `cell h${level}${cell.works.length === 0 ? ' nowork' : ''}`;
  return (
    `<td><button type="button" class="${classes}" ${jumpAttributes(cell.first, options)} ` +
    `title="${esc(tip)}" aria-label="${esc(tip)}">${cell.mentions}</button></td>`
  );
}

/** Shade 1…LEVELS on a log scale of mentions. */
function levelOf(mentions: number, max: number): number {
  if (mentions <= 0) return 0;
  if (max <= 1) return LEVELS;
  return Math.max(1, Math.min(LEVELS, Math.ceil((LEVELS * Math.log1p(mentions)) / Math.log1p(max))));
}

function legendHtml(max: number): string {
  if (max === 0) return '<p class="legend">No term of the taxonomy is mentioned.</p>';
  // The mention counts each shade stands for.
  const ranges: [number, number][] = [];
  for (let m = 1; m <= max; m++) {
    const level = levelOf(m, max);
    const range = ranges[level - 1];
    if (range) range[1] = m;
    else ranges[level - 1] = [m, m];
  }
  const swatches = ranges
    .map((r, i) => (r ? `<li><span class="swatch h${i + 1}"></span>${r[0] === r[1] ? r[0] : `${r[0]}–${r[1]}`}</li>` : ''))
    .join('');
  return (
    `<div class="legend"><span>Mentions per section</span><ul>${swatches}</ul>` +
    `<span class="key"><span class="swatch h3 nowork"></span>no work cited there</span>` +
    `<span class="key"><span class="bar"></span>term without any cited work</span></div>`
  );
}

function needsSupportHtml(rows: CoverageTermRow[], options: CoverageHtmlOptions): string {
  const items = rows
    .map((r) => {
      const first = r.first;
      const jump = first
        ? `<button type="button" class="link" ${jumpAttributes(first, options)}>first mention</button>`
        : '';
      return `<li><b>${esc(r.label)}</b> <span class="muted">${r.mentions} mention${r.mentions === 1 ? '' : 's'} in ${r.sectionsMentioning} section${r.sectionsMentioning === 1 ? '' : 's'}</span> ${jump}</li>`;
    })
    .join('');
  return `<section class="needs"><h2>Mentioned without a cited work</h2><ul>${items}</ul></section>`;
}

/** Highlights a whole column while a cell of it is hovered (CSS only, no script needed). */
function columnHighlightRules(columns: number): string {
  const rules: string[] = [];
  for (let i = 2; i <= columns + 1; i++) {
    rules.push(`.grid:has(td:nth-child(${i}):hover) :is(td,th):nth-child(${i}){background:var(--cl-hover)}`);
  }
  return rules.join('\n');
}

function abbreviateList(items: string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SCRIPT = `
(function () {
  var api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('button[data-uri]') : null;
    if (!target || !api) return;
    var range = target.getAttribute('data-range');
    var message = { type: 'reveal', uri: target.getAttribute('data-uri') };
    if (range) message.range = JSON.parse(range);
    else { message.offset = Number(target.getAttribute('data-offset')); message.end = Number(target.getAttribute('data-end')); }
    api.postMessage(message);
  });
})();`;

const STYLE = `
/* Theme variables are set on <html> in a webview; resolving them on body works there and standalone. */
:root { color-scheme: light dark; }
body {
  --cl-bg: var(--vscode-editor-background, #ffffff);
  --cl-fg: var(--vscode-editor-foreground, #1f2328);
  --cl-muted: var(--vscode-descriptionForeground, #656d76);
  --cl-border: var(--vscode-editorWidget-border, var(--vscode-panel-border, #d8dee4));
  --cl-heat: var(--vscode-charts-blue, #1f6feb);
  --cl-heat-fg: var(--vscode-button-foreground, #ffffff);
  --cl-alert: var(--vscode-charts-red, #cf222e);
  --cl-focus: var(--vscode-focusBorder, #0969da);
  --cl-hover: var(--vscode-list-hoverBackground, rgba(130, 140, 150, 0.12));
  --cl-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 40px; background: var(--cl-bg); color: var(--cl-fg);
  font: 13px/1.4 var(--cl-font); }
h1 { font-size: 18px; font-weight: 600; margin: 0 0 12px; }
h2 { font-size: 14px; font-weight: 600; margin: 24px 0 8px; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; margin: 0 0 14px; padding: 0; }
.stats li { border: 1px solid var(--cl-border); border-radius: 6px; padding: 6px 12px; min-width: 120px; }
.stats b { display: block; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stats span { color: var(--cl-muted); }
.stats li.alert { border-color: var(--cl-alert); }
.stats li.alert b { color: var(--cl-alert); }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; color: var(--cl-muted); margin-bottom: 14px; }
.legend ul { display: flex; gap: 2px; list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; flex-direction: column; align-items: center; font-size: 11px; min-width: 34px; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 34px; height: 14px; border-radius: 3px; }
.bar { display: inline-block; width: 4px; height: 14px; background: var(--cl-alert); border-radius: 2px; }
.scroll { overflow: auto; max-height: calc(100vh - 190px); border: 1px solid var(--cl-border); border-radius: 6px; }
.grid { border-collapse: separate; border-spacing: 2px; }
.grid th, .grid td { padding: 0; }
.grid thead th { position: sticky; top: 0; z-index: 2; background: var(--cl-bg); vertical-align: bottom;
  font-weight: 600; text-align: left; }
.grid th.col { height: 150px; width: 34px; min-width: 34px; }
.grid th.col span { display: block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 130px;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin: 0 auto; font-weight: 500; }
.grid th.col i { display: block; text-align: center; font-style: normal; font-size: 10px; color: var(--cl-muted); }
.grid th.corner { left: 0; z-index: 3; padding: 0 8px 4px; }
.grid th.num { padding: 0 8px 4px; text-align: right; }
.grid tbody th { position: sticky; left: 0; z-index: 1; background: var(--cl-bg); text-align: left; font-weight: 400;
  white-space: nowrap; padding: 0 12px 0 8px; border-left: 4px solid transparent; }
.grid tbody th .label { display: inline-block; max-width: 320px; overflow: hidden; text-overflow: ellipsis;
  vertical-align: bottom; }
.grid tbody tr.d0 th { font-weight: 600; }
.grid tbody tr.d0 > * { border-top: 1px solid var(--cl-border); }
.grid tr.d1 th { padding-left: 22px; }
.grid tr.d2 th { padding-left: 36px; }
.grid tr.d3 th, .grid tr.d4 th { padding-left: 50px; }
.grid tbody tr:hover > * { background: var(--cl-hover); }
.grid tr.unsupported th { border-left-color: var(--cl-alert); }
.grid tr.unmentioned th .label { color: var(--cl-muted); }
.badge { font-style: normal; font-size: 10px; margin-left: 8px; padding: 0 6px; border-radius: 8px;
  border: 1px solid var(--cl-border); color: var(--cl-muted); }
.badge.alert { border-color: var(--cl-alert); color: var(--cl-alert); font-weight: 600; }
td.num { text-align: right; padding: 0 8px; font-variant-numeric: tabular-nums; color: var(--cl-muted); }
td.empty { width: 34px; height: 26px; }
button.cell { display: block; width: 34px; height: 26px; border: 0; border-radius: 3px; cursor: pointer;
  font: inherit; font-size: 11px; font-variant-numeric: tabular-nums; color: var(--cl-fg); }
button.cell:hover { outline: 2px solid var(--cl-focus); outline-offset: -1px; }
button.cell:focus-visible { outline: 2px solid var(--cl-focus); outline-offset: 1px; }
.h1 { background: rgba(31, 111, 235, 0.10); background: color-mix(in srgb, var(--cl-heat) 12%, var(--cl-bg)); }
.h2 { background: rgba(31, 111, 235, 0.22); background: color-mix(in srgb, var(--cl-heat) 25%, var(--cl-bg)); }
.h3 { background: rgba(31, 111, 235, 0.36); background: color-mix(in srgb, var(--cl-heat) 40%, var(--cl-bg)); }
.h4 { background: rgba(31, 111, 235, 0.52); background: color-mix(in srgb, var(--cl-heat) 56%, var(--cl-bg)); }
.h5 { background: rgba(31, 111, 235, 0.72); background: color-mix(in srgb, var(--cl-heat) 74%, var(--cl-bg)); }
.h6 { background: rgb(31, 111, 235); background: var(--cl-heat); }
button.h5, button.h6 { color: var(--cl-heat-fg); font-weight: 600; }
.nowork { background-image: repeating-linear-gradient(135deg, transparent 0 4px, rgba(207, 34, 46, 0.45) 4px 6px);
  background-image: repeating-linear-gradient(135deg, transparent 0 4px,
    color-mix(in srgb, var(--cl-alert) 55%, transparent) 4px 6px); }
.needs ul { margin: 0; padding-left: 18px; }
.needs li { margin: 3px 0; }
.muted { color: var(--cl-muted); }
button.link { border: 0; background: none; padding: 0; color: var(--vscode-textLink-foreground, #0969da);
  cursor: pointer; font: inherit; text-decoration: underline; }
`;
