/**
 * fast-check generators of hostile input for the fuzz suites: Markdown manuscripts built from fragments that
 * stress the citation scanner and the block structure (nested and unbalanced brackets, open fences, comments,
 * math, tables, footnotes, broken front matter), BibTeX (unbalanced braces and quotes, missing commas and keys,
 * `@string` loops, huge fields, a trailing `%` comment without newline), taxonomies (cycles, duplicate ids,
 * wrong types) and mutations of real files (character flips, deletions, insertions, truncations).
 */
import fc from 'fast-check';

/** Characters that mean something to one of the parsers, plus a few that break naive offset code. */
const SPECIAL = ['[', ']', '@', '-', '–', ',', ';', '1', '9', 'a', 'Z', ' ', '\n', '\r\n', '{', '}', '^', '`', '$', '<', '>', '!', '\\', '|', '*', '_', '#', ':', '.', '"', "'", '%', '=', '~', '&', '\t', '😀', 'é', '\ufeff', '\u0000', '\ud800', '\u2028'];

export const specialChar = fc.constantFrom(...SPECIAL);
/** A short run of parser-significant characters. */
export const soup = (maxLength = 24) => fc.array(specialChar, { maxLength }).map((a) => a.join(''));

const KEYS = ['smith2020', 'doe2019', 'Smith2020', 'lee:2021.x', 'doi:10.1/x', 'fig:one', 'a', 'missing', 'k-é', ''];
export const key = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[A-Za-z0-9:._#$%&+?<>~/-]{0,12}$/));

const numberList = fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }).map(String), fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => `${a}${b % 2 ? '–' : '-'}${b}`), fc.constant('')), { maxLength: 6 });

/** One citation-like fragment, well-formed or not. */
export const citationFragment = fc.oneof(
  fc.tuple(key, key).map(([a, b]) => `[@${a}; @${b}]`),
  key.map((k) => `[see @${k}, pp. 33–35]`),
  key.map((k) => `[-@${k}]`),
  key.map((k) => ` @${k} `),
  key.map((k) => `@${k} [p. 4]`),
  key.map((k) => `@{${k}}`),
  fc.tuple(numberList, fc.constantFrom(', ', ',', '; ', ',,')).map(([ns, sep]) => `[${ns.join(sep)}]`),
  fc.constantFrom('[@]', '[]', '[5–3]', '[1,,2]', '[1][2]', '[1], [2]', '[^1]', '[^1]: A footnote [2].\n', '[x]: http://e.org "t"\n', 'a@b.org', '[@a [@b]]', '[[[[1]]]]', '[@a]]]', '[[[@a', '@@@', '[-@]', '[ ]', '- [ ] task [1]\n', '![alt [@smith2020]](img.png)', '[text](http://x/[1])'),
);

/** Block-level fragments (each ends its line). */
export const blockFragment = fc.oneof(
  fc.constantFrom(
    '```\n', '```js\n[@smith2020]\n```\n', '~~~\n[1]\n', '    indented [1]\n', '`[@smith2020]`', '``unclosed [@a]',
    '<!-- [1] ', '-->', '<!-- citelens-disable unresolved-citation -->\n', '<!-- citelens-enable unresolved-citation -->\n', '<!-- citelens-disable-next-line malformed-citation -->\n',
    '$x_[1]$', '$$\n[@smith2020]\n', '$$\n', '\\(a\\)', '$',
    '| a | [1] |\n|---|---|\n| [@smith2020] | b |\n', '|---|\n', '| [1 |\n',
    '# References\n', '## Bibliography\n', '# Works Cited\n\n1. Smith J. Deep learning. 2020.\n2. Doe J. Other. doi:10.1/x\n',
    '1. Smith J. Deep learning for protein folding. 2020.\n', '[3] Doe J. Title. 2019.\n', '2. \n', '10) item\n', '* bullet [2]\n',
    '> quote [@doe2019]\n', '<div>\n[1]\n</div>\n', '<span>[@a]</span>', '***\n', '\n\n', '\\[1\\]', '&#91;1&#93;',
  ),
  soup(),
);

/** Front matter, valid or broken in every way. */
export const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '---\nbibliography: refs.bib\n---\n',
    '---\nbibliography: [refs.bib, other.bib]\n---\n',
    '---\nbibliography: [refs.bib\ntitle: x\n---\n',
    '---\nbibliography: refs.bib\n',
    '---\n',
    '---\n---\n',
    '---\n: : :\n---\n',
    '---\nbibliography: 42\n---\n',
    '---\nbibliography:\n  - refs.bib\n  - {x: 1}\n  - null\n---\n',
    '---\nbibliography: ../../../../etc/passwd\n---\n',
    '---\nbibliography: /\n---\n',
    '---\ntaxonomy: [1, 2]\n---\n',
    '---\ntaxonomy: taxonomy.yaml\ncitelens:\n  files: 3\n---\n',
    '---\ncitelens:\n  files: [paper.md, paper.md, ch2.md]\n---\n',
    '---\ncitelens:\n  files: [ch2.md]\n---\n',
    '---\nnocite: "@*"\n---\n',
    '---\nnocite: |\n  @smith2020, @missing\n---\n',
    '---\r\nbibliography: refs.bib\r\n---\r\n',
    '---\nbibliography: refs.bib\n...\n',
    '\ufeff---\nbibliography: refs.bib\n---\n',
    '---\n\t- tab\n---\n',
    '---\na: &x [*x]\n---\n',
    '---\na: *undefined\n---\n',
    '+++\ntitle = "toml"\n+++\n',
    '---\nbibliography: "refs.bib\n---\n',
  ),
  soup(40).map((s) => `---\n${s}\n---\n`),
);

/** A whole manuscript: front matter, then a mix of prose, citations and blocks. */
export const manuscript = fc
  .tuple(frontMatter, fc.array(fc.oneof({ weight: 3, arbitrary: citationFragment }, { weight: 3, arbitrary: blockFragment }, { weight: 2, arbitrary: fc.constantFrom('Deep learning ', 'improves folding. ', 'et al. ', 'e.g. ', 'Fig. 2 ', '3.5 ', 'GAN ', 'Generative adversarial networks ') }, { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) }), { maxLength: 40 }))
  .map(([fm, parts]) => fm + parts.join(''));

/** A well-formed bibliography the manuscripts cite. */
export const GOOD_BIB =
  '@article{smith2020, author = {Smith, Jane}, title = {Deep learning for protein folding}, year = {2020}, doi = {10.1/x}}\n' +
  '@book{doe2019, author = "Doe, John", title = "Other {W}orks", year = 2019}\n';

/** One BibTeX fragment, well-formed or not. */
export const bibFragment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(
    '@article{', '@article{key,', '@article{,', '@article{ key2 title = {x}}', '@article{k3, title = {x} year = 2020}', '@misc{k4}', '@misc{}', '@{}', '@',
    'title = {', 'title = "', '}', '{', '"', ',', '=', '#', '\\', '$', '%', '% comment\n', '\n',
    '@string{a = "x"}', '@string{b = a # b}', '@string{a = b # a}', '@string{c = {c}}', '@string{', 'title = a # b # c',
    '@comment{ @article{x, title={y}} }', '@preamble{"\\newcommand"}', '@preamble{', '@article(paren, title = {x})', '@article(paren2, title = {x}',
    '@article{nest, title = {{{{{{{{{{deep}}}}}}}}}}}', '@article{q, title = "a {"} b"}', '@article{Smith2020, title={Case twin}}',
    '@article{smith2020, title = {Dup}}', '@article{u, author = {Müller, J. and Ünal, K.}, title = {É}}', '@article{lone, title = {A $ lone dollar}}',
    '@article{doi, doi = {10.1/x}, title = {Same DOI}}', '@set{s, entryset = {smith2020,doe2019}}', '@xdata{xd, year = 2020}',
  ) },
  // Huge fields are rare: each costs tens of milliseconds of topic-fit work per analysis.
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => `@article{huge, title = {${'word '.repeat(Math.floor(n / 5))}}}\n`) },
  { weight: 3, arbitrary: key.map((k) => `@article{${k}, title = {T}, year = {2020}}\n`) },
  { weight: 3, arbitrary: soup(16) },
);

/** A bibliography file: fragments, sometimes ending in a `%` comment with no newline. */
export const bibliography = fc
  .tuple(fc.boolean(), fc.array(bibFragment, { maxLength: 24 }), fc.constantFrom('', '\n', '% trailing comment', '%', '@article{end, title = {x}}\n% last'))
  .map(([good, parts, tail]) => (good ? GOOD_BIB : '') + parts.join('') + tail);

/** Taxonomy YAML: structured (cycles, duplicate ids, wrong types) or raw fragments. */
const scalar = fc.oneof(fc.constantFrom('gan', 'vae', 'diffusion', 'GAN', 'x', '', 'null', '~', '1', 'true', '[a]', '{}', '"q"', "'q'", '*a', '&a b', '|'), fc.integer().map(String));
const termLines = fc
  .array(
    fc.record({
      id: scalar,
      label: fc.option(scalar),
      parent: fc.option(scalar),
      aliases: fc.option(fc.array(scalar, { maxLength: 3 })),
      abbreviation: fc.option(scalar),
      extra: fc.option(fc.constantFrom('children: 3', 'children: [1, 2]', 'children:\n      - id: gan\n        parent: gan', 'bogus: 1', 'x-note: ok', 'children: &c [*c]', 'description: [not, text]')),
    }),
    { maxLength: 8 },
  )
  .map((terms) =>
    'terms:\n' +
    terms
      .map((t) => [
        `  - id: ${t.id}`,
        t.label !== null ? `    label: ${t.label}` : '',
        t.parent !== null ? `    parent: ${t.parent}` : '',
        t.aliases !== null ? `    aliases: [${t.aliases.join(', ')}]` : '',
        t.abbreviation !== null ? `    abbreviation: ${t.abbreviation}` : '',
        t.extra !== null ? `    ${t.extra}` : '',
      ].filter(Boolean).join('\n'))
      .join('\n') +
    '\n',
  );
export const taxonomyText = fc.oneof(
  termLines,
  fc.constantFrom('', '[]', '{}', '42', 'terms: 3', 'terms: {a: 1}', '- id: a\n  children:\n    - id: a\n', 'terms:\n  - &t\n    id: t\n    children: [*t]\n', '- id: x\n  parent: y\n- id: y\n  parent: x\n', '\t- id: tab', '- id: [1]\n  label: {a: b}\n', '{"terms": [{"id": "a", "label": "A"'),
  soup(60),
);

export interface Mutation {
  kind: 'flip' | 'delete' | 'insert' | 'truncate';
  /** Position as a fraction of the text length (so one mutation fits any text). */
  at: number;
  length: number;
  text: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'delete', 'insert', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 64 }),
  text: fc.oneof(soup(8), citationFragment, blockFragment, bibFragment.filter((s) => s.length < 2000)),
});

/** Applies mutations to `text` (positions are fractions of the current length). */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    switch (m.kind) {
      case 'flip':
        out = out.slice(0, at) + (m.text.slice(0, 1) || '\u0000') + out.slice(at + 1);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/**
 * A numeric manuscript with a reference list, cited out of order and laced with noise, so renumbering has
 * work to do (the plain `manuscript` rarely yields a list).
 */
export const numericManuscript = fc
  .tuple(
    fc.integer({ min: 1, max: 12 }),
    fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(', ', ',', '; ', '–', '-'), fc.option(fc.oneof(citationFragment, blockFragment), { freq: 3 })), { minLength: 1, maxLength: 16 }),
    fc.constantFrom('ordered', 'bracketed', 'parens'),
    fc.array(fc.option(soup(6), { freq: 4 }), { maxLength: 14 }),
    fc.constantFrom('# References\n\n', '## Bibliography\n', '# Works Cited\n\n'),
  )
  .map(([works, cites, kind, noise, heading]) => {
    const prose = cites.map(([ns, sep, extra]) => `Claim about folding [${ns.join(sep)}]${extra ?? ''}. `).join('');
    const items = Array.from({ length: works }, (_, i) => {
      const n = i + 1;
      const text = `Author${n} A. Title number ${n} of a work. Journal. 20${10 + n}.${noise[i] ?? ''}`;
      return kind === 'ordered' ? `${n}. ${text}` : kind === 'bracketed' ? `[${n}] ${text}\n` : `${n}) ${text}`;
    });
    return `# Intro\n\n${prose}\n\n${heading}${items.join('\n')}\n`;
  });
