/**
 * Synthetic review manuscripts of a given size: seeded prose in sections and paragraphs, with numeric (`[12]`,
 * `[3, 5–7]`) or Pandoc (`[@key]`, `[@a; @b, p. 4]`) citations spread evenly through it.
 *
 * Two variants:
 * - random words (the default, and the worst case for topic fit): no sentence is about what it cites, so ~90 %
 *   of the citations get an `off-topic-citation` warning, each with its explanation — about 1,000 diagnostics
 *   published on every keystroke;
 * - topical (`titleOf` and `onTopic`): a citing sentence takes a few content words from the title of the work it
 *   cites, for a share `onTopic` of the citations (5 in 6 by default: audits of reviews find about one citation
 *   in six wrong); the rest stay random. Closer to a real review.
 */
import { seededRandom } from './random';

const WORDS = (
  'the of and to in a is that for on with as by are be this from or an which it was were at has have model models data ' +
  'clinical patients learning deep generative network networks training results method methods image images medical ' +
  'diagnosis performance study studies approach approaches task tasks dataset datasets evaluation synthetic health care ' +
  'privacy bias fairness accuracy diffusion adversarial language large transformer attention retrieval segmentation ' +
  'radiology pathology imaging treatment outcome outcomes risk prediction survival records electronic notes report reports'
).split(' ');

export interface ManuscriptOptions {
  words: number;
  citations: number;
  style: 'numeric' | 'pandoc';
  /** Keys to cite (Pandoc) — cited in a seeded order. */
  keys: string[];
  /** Numeric: how many reference-list items (numbers cited 1..references, first citations in order). */
  references?: number;
  /** Numeric: the text of reference-list item n (1-based). */
  referenceText?: (n: number) => string;
  /** Front matter `bibliography:` (Pandoc and numeric). */
  bibliography?: string;
  seed: number;
  /** Topical variant: the title of a cited work (`key` for Pandoc, the number for numeric). */
  titleOf?: (ref: string) => string | undefined;
  /** Topical variant: the share of citations whose sentence borrows words from the cited title (default 5/6). */
  onTopic?: number;
}

/** Title words a sentence may borrow: not too short, letters only (no TeX or punctuation). */
function contentWords(title: string): string[] {
  return title.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 3);
}

export function makeManuscript(o: ManuscriptOptions): string {
  const random = seededRandom(o.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const references = o.references ?? 300;
  const out: string[] = [];
  if (o.bibliography) out.push(`---\ntitle: Benchmark review\nbibliography: ${o.bibliography}\n---\n\n`);
  out.push('# A synthetic review for benchmarks\n\n');
  const citeEvery = o.words / o.citations;
  let nextCitation = citeEvery / 2;
  let cited = 0;
  let firstUncited = 1;
  let words = 0;
  let sentence = 0;
  let paragraph: string[] = [];
  /** The citation text and the works it names (keys, or numbers as strings). */
  const citation = (): { text: string; refs: string[] } => {
    cited++;
    if (o.style === 'pandoc') {
      const n = random() < 0.8 ? 1 : 2;
      const refs = Array.from({ length: n }, () => pick(o.keys));
      return { text: ` [${refs.map((k) => '@' + k).join('; ')}${random() < 0.1 ? ', p. 4' : ''}]`, refs };
    }
    // Numeric: mostly the next new number (so first citations stay in order), sometimes an earlier one or a range.
    if (firstUncited <= references && (random() < 0.6 || firstUncited < 3)) return { text: ` [${firstUncited}]`, refs: [String(firstUncited++)] };
    const a = 1 + Math.floor(random() * Math.max(1, firstUncited - 1));
    if (random() < 0.2 && a + 2 < firstUncited) return { text: ` [${a}–${a + 2}]`, refs: [String(a), String(a + 1), String(a + 2)] };
    return { text: ` [${a}]`, refs: [String(a)] };
  };
  /** Topical variant: replaces a few of the sentence's words with words of the cited titles. */
  const borrow = (s: string[], refs: string[]): void => {
    if (!o.titleOf || random() >= (o.onTopic ?? 5 / 6)) return;
    const words = refs.flatMap((r) => contentWords(o.titleOf!(r) ?? ''));
    for (let k = 0; k < Math.min(4, words.length); k++) s[1 + Math.floor(random() * (s.length - 1))] = words[Math.floor(random() * words.length)];
  };
  while (words < o.words) {
    const length = 8 + Math.floor(random() * 18);
    const s: string[] = [];
    for (let i = 0; i < length; i++) s.push(pick(WORDS));
    s[0] = s[0][0].toUpperCase() + s[0].slice(1);
    words += length;
    let text = s.join(' ');
    if (words >= nextCitation && cited < o.citations) {
      const c = citation();
      borrow(s, c.refs);
      text = s.join(' ') + c.text;
      nextCitation += citeEvery;
    }
    paragraph.push(text + '.');
    if (++sentence % 6 === 0) {
      out.push(paragraph.join(' '), '\n\n');
      paragraph = [];
      if (sentence % 60 === 0) out.push(`## Section ${sentence / 60}\n\n`);
    }
  }
  if (paragraph.length) out.push(paragraph.join(' '), '\n\n');
  if (o.style === 'numeric') {
    out.push('## References\n\n');
    for (let n = 1; n <= references; n++) out.push(`${n}. ${o.referenceText?.(n) ?? `Reference ${n}.`}\n`);
  }
  return out.join('');
}
