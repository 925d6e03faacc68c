/**
 * Synthetic review manuscripts of a given size: seeded prose in sections and paragraphs, with numeric (`[12]`,
 * `[3, 5–7]`) or Pandoc (`[@key]`, `[@a; @b, p. 4]`) citations spread evenly through it.
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
  const citation = (): string => {
    cited++;
    if (o.style === 'pandoc') {
      const n = random() < 0.8 ? 1 : 2;
      const items = Array.from({ length: n }, () => '@' + pick(o.keys));
      return ` [${items.join('; ')}${random() < 0.1 ? ', p. 4' : ''}]`;
    }
    // Numeric: mostly the next new number (so first citations stay in order), sometimes an earlier one or a range.
    if (firstUncited <= references && (random() < 0.6 || firstUncited < 3)) return ` [${firstUncited++}]`;
    const a = 1 + Math.floor(random() * Math.max(1, firstUncited - 1));
    if (random() < 0.2 && a + 2 < firstUncited) return ` [${a}–${a + 2}]`;
    return ` [${a}]`;
  };
  while (words < o.words) {
    const length = 8 + Math.floor(random() * 18);
    const s: string[] = [];
    for (let i = 0; i < length; i++) s.push(pick(WORDS));
    s[0] = s[0][0].toUpperCase() + s[0].slice(1);
    words += length;
    let text = s.join(' ');
    if (words >= nextCitation && cited < o.citations) {
      text += citation();
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
