/**
 * The citation injection grammar (syntaxes/citelens.injection.tmLanguage.json), checked without VS Code.
 *
 * vscode-textmate and Oniguruma are not installed, so this runs the grammar's regexes with JavaScript RegExp
 * (flags `u` and `d`) and a tiny scanner that does what TextMate does for single-line `match` rules: at each
 * position take the earliest match of any pattern (ties go to the first pattern), scope it, continue after it.
 * The regexes avoid syntax where Oniguruma and JavaScript differ; `\w` is ASCII in JavaScript but Unicode in
 * Oniguruma, so the table sticks to ASCII keys. The injection selector (which scopes the grammar applies in) is
 * checked as text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

interface Rule {
  include?: string;
  match?: string;
  name?: string;
  captures?: Record<string, { name?: string; patterns?: Rule[] }>;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(join(__dirname, '..', '..', 'syntaxes', 'citelens.injection.tmLanguage.json'), 'utf8')) as Grammar;

/** A scoped token: the innermost scope name and the text it covers. */
interface Token {
  scope: string;
  text: string;
}

function resolve(rule: Rule): Rule {
  if (!rule.include) return rule;
  const found = grammar.repository[rule.include.replace(/^#/, '')];
  assert.ok(found, `unknown include ${rule.include}`);
  return resolve(found);
}

/** Scans `text` with `rules` as TextMate would and returns every scoped token, outermost first. */
function tokenize(text: string, rules: Rule[]): Token[] {
  const compiled = rules.map(resolve).map((rule) => ({ rule, re: new RegExp(rule.match!, 'gdu') }));
  const tokens: Token[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const { rule, re } of compiled) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    if (rule.name) tokens.push({ scope: rule.name, text: m[0] });
    for (const [group, capture] of Object.entries(rule.captures ?? {})) {
      const g = m[Number(group)];
      if (g === undefined) continue;
      if (capture.name) tokens.push({ scope: capture.name, text: g });
      if (capture.patterns) tokens.push(...tokenize(g, capture.patterns));
    }
    pos = m.index + Math.max(1, m[0].length);
  }
  return tokens;
}

const citations = (text: string) => tokenize(text, grammar.patterns).filter((t) => t.scope.startsWith('meta.citation.'));
const scoped = (text: string, scope: string) => tokenize(text, grammar.patterns).filter((t) => t.scope === scope).map((t) => t.text);

const KEY = 'entity.name.tag.citation-key.citelens';
const NUMBER = 'constant.numeric.citation.citelens';

const cases: { text: string; citations: string[]; keys?: string[]; numbers?: string[] }[] = [
  // Pandoc bracketed
  { text: 'as shown [@smith2020].', citations: ['[@smith2020]'], keys: ['smith2020'] },
  { text: 'x [@a; @b] y', citations: ['[@a; @b]'], keys: ['a', 'b'] },
  { text: '[see @a, pp. 33–35; also @b, ch. 1]', citations: ['[see @a, pp. 33–35; also @b, ch. 1]'], keys: ['a', 'b'] },
  { text: 'Smith says [-@smith04].', citations: ['[-@smith04]'], keys: ['smith04'] },
  { text: '[@{braced.key 2020}]', citations: ['[@{braced.key 2020}]'], keys: ['{braced.key 2020}'] },
  { text: '[@doi:10.1000/xyz123]', citations: ['[@doi:10.1000/xyz123]'], keys: ['doi:10.1000/xyz123'] },
  { text: '[@Smith:2020.v2#a]', citations: ['[@Smith:2020.v2#a]'], keys: ['Smith:2020.v2#a'] },
  // Pandoc narrative
  { text: '@smith2020 says so.', citations: ['@smith2020'], keys: ['smith2020'] },
  { text: 'as @smith2020.', citations: ['@smith2020'], keys: ['smith2020'] },
  { text: '@key [p. 4] adds', citations: ['@key'], keys: ['key'] },
  { text: 'per @pmid:29028312, ok', citations: ['@pmid:29028312'], keys: ['pmid:29028312'] },
  // Numeric
  { text: 'models[1].', citations: ['[1]'], numbers: ['1'] },
  { text: 'text [1, 4] text', citations: ['[1, 4]'], numbers: ['1', '4'] },
  { text: '[1,4]', citations: ['[1,4]'], numbers: ['1', '4'] },
  { text: '[2-5]', citations: ['[2-5]'], numbers: ['2', '5'] },
  { text: '[2–5]', citations: ['[2–5]'], numbers: ['2', '5'] },
  { text: '[1, 3–5, 9]', citations: ['[1, 3–5, 9]'], numbers: ['1', '3', '5', '9'] },
  { text: '[1; 4]', citations: ['[1; 4]'], numbers: ['1', '4'] },
  { text: 'adjacent [1][2] and [3], [4]', citations: ['[1]', '[2]', '[3]', '[4]'] },
  { text: 'Challenges[8].”', citations: ['[8]'] },
  // Not citations
  { text: 'write to a@b.com or smriti.srivastava@ipec.org.in', citations: [] },
  { text: 'see @fig:one and @tbl:two and @eq:3 and @sec:intro', citations: [] },
  { text: 'a footnote[^1] here', citations: [] },
  { text: '- [x] done, - [ ] todo', citations: [] },
  { text: 'a link [1](http://example.org) here', citations: [] },
  { text: '[1]: http://example.org', citations: [] },
  { text: 'escaped \\[1] bracket', citations: [] },
  { text: 'image ![1] alt', citations: [] },
  { text: 'a [plain] bracket, [a, b]', citations: [] },
  { text: 'an [@] empty key', citations: [] },
];

test('scopes citations and their keys and numbers', async (t) => {
  for (const c of cases) {
    await t.test(c.text, () => {
      assert.deepEqual(citations(c.text).map((x) => x.text), c.citations);
      if (c.keys) assert.deepEqual(scoped(c.text, KEY), c.keys);
      if (c.numbers) assert.deepEqual(scoped(c.text, NUMBER), c.numbers);
    });
  }
});

test('names each kind of citation with a themed scope', () => {
  assert.deepEqual(citations('[@a] [1] @b').map((x) => x.scope), [
    'meta.citation.pandoc.citelens',
    'meta.citation.numeric.citelens',
    'meta.citation.narrative.citelens',
  ]);
  assert.deepEqual(scoped('[2–5]', 'punctuation.separator.range.citelens'), ['–']);
  assert.deepEqual(scoped('[-@a]', 'keyword.operator.suppress-author.citelens'), ['-']);
});

test('is injected into Markdown prose only, never into code, math, comments or link targets', () => {
  const selector = grammar.injectionSelector;
  assert.match(selector, /^L:meta\.paragraph\.markdown/);
  for (const excluded of ['comment', 'markup.math', 'markup.fenced_code', 'markup.inline.raw', 'markup.underline.link']) {
    for (const part of selector.split(/,\s*(?=L:)/)) assert.ok(part.includes(excluded), `${part} should exclude ${excluded}`);
  }
});

test('is contributed in package.json as an injection into Markdown', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.ok(contribution, 'grammar not contributed');
  assert.equal(contribution.path, './syntaxes/citelens.injection.tmLanguage.json');
  assert.ok(contribution.injectTo.includes('text.html.markdown'));
});
