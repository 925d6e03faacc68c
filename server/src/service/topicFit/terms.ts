/**
 * Terms for topic fit: text → lower-cased, stop-word-free, Porter-stemmed terms that keep the surface form
 * the author wrote (so explanations say "diffusion models", not "diffus model").
 */
import type { stemmer as StemmerFn } from 'stemmer' with { 'resolution-mode': 'import' };

// `stemmer` is ESM-only. Node ≥ 20.19 and esbuild load it with require(); a static `import` would need
// `"module": "node20"` in tsconfig (TS1479 under node16), so the value is required and only the type imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stemmer } = require('stemmer') as { stemmer: typeof StemmerFn };

/** One term occurrence. */
export interface Term {
  /** Porter stem of the lower-cased word: the unit of matching. */
  stem: string;
  /** The word as written (original case), for explanations. */
  surface: string;
}

/**
 * English function words plus words that occur in almost any scholarly sentence or title and name no topic
 * ("study", "propose", "results", "et al."). Rarity weighting (IDF) would discount most of them anyway; listing
 * them keeps short titles and explanations clean.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above according across actually after afterwards again against all almost alone along already also
although always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at be
became because become becomes becoming been before beforehand behind being below beside besides between beyond
both but by can cannot could did do does doing done down due during each either else elsewhere enough especially
etc even ever every everyone everything everywhere except few for former formerly from further furthermore had
has have having he hence her here hereafter hereby herein hers herself him himself his how however i if in
indeed instead into is it its itself just least less let like likely made mainly many may me meanwhile might
mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none nor not
nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own
per perhaps please quite rather re really said same seem seemed seeming seems several she should since so some
somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves
then thence there thereafter thereby therefore therein thereupon these they this those though through throughout
thru thus to together too toward towards under unless until up upon us very via was we well were what whatever
when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who
whoever whole whom whose why will with within without would yet you your yours yourself yourselves
al et eg ie cf vs viz fig figs figure figures table tables eq eqs equation section sections ref refs
paper papers article articles study studies work works research review reviews chapter introduction conclusion
conclusions approach approaches propose proposed proposes present presented presents show shows shown showed
demonstrate demonstrated describe described report reported discuss discussed result results find finding
findings found use used uses using usage based new novel recent recently various different particular specific
example examples important including include includes included given provide provides provided allow allows
allowed make makes making way ways many number numbers first second third two three four five one ones also
often well good better best high higher highly low lower large larger small smaller able need needs needed
can could may might shall will would must want wants help helps see seen set sets case cases type types kind
kinds part parts term terms thing things use useful lead leads led first last known called order addition
additionally important importantly common commonly widely across several certain current currently potential
potentially typically usually generally specifically particularly respectively significant significantly
however although thus therefore hence whereas since within without towards toward via among amongst
general generally look looks looking exist exists existing encourage encouraged consider considered note noted aim aims seem try tried http https www doi org com html pdf preprint arxiv biorxiv medrxiv`.split(/\s+/),
);

/** Word characters: letters and digits; inner hyphens and apostrophes split words. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Stems a lower-cased word. */
export type StemFn = (word: string) => string;

/** The Porter stem of a lower-cased word (no memo: see {@link StemMemo}). */
export const porterStem: StemFn = (word) => stemmer(word);

/** Words a {@link StemMemo} keeps at most. */
const MAX_STEMS = 200_000;

/**
 * Porter stems, memoised: stemming dominates tokenising time (the memo makes `terms` ~1.6× faster on the eval
 * bibliographies). One per topic model (made with it, dropped with it), so no two models or services share one;
 * an editing session's new words are bounded by starting afresh at {@link MAX_STEMS} words. A plain map, not an
 * LRU cache: lru-cache allocates its arrays for every slot up front (~25 ms for 200,000), and an edited
 * bibliography entry makes two models at once (`modelBuilds.ts`).
 */
export class StemMemo {
  private readonly memo = new Map<string, string>();

  readonly stem: StemFn = (word) => {
    let s = this.memo.get(word);
    if (s === undefined) {
      s = stemmer(word);
      if (this.memo.size >= MAX_STEMS) this.memo.clear();
      this.memo.set(word, s);
    }
    return s;
  };
}

/**
 * Removes what is not prose before tokenising: URLs, DOIs, Pandoc citations (`[@a; @b]`, `@key`), numeric
 * citations (`[3]`), footnote markers, BibTeX braces and LaTeX commands, HTML tags and Markdown link targets.
 */
export function stripMarkup(text: string): string {
  // Citations and autolinks go first, whole: a URL or DOI pattern run over `[@doi:10.1/x], [more words](…)` or
  // `<https://…> cited by` ate the closing `]` or `>`, and the citation or tag pattern after it then swallowed the
  // words up to the next one — the same sentence lost words as `[@key]` and kept them as `[5]`. URL words never
  // count: an address is not what the sentence says (a link's visible text does count).
  return text
    .replace(/\[[^\]]*@[^\]]*\]|\[\^[^\]]*\]|\[\s*\d+(?:\s*[-–—,;]\s*\d+)*\s*\]/g, ' ')
    // Science's italic numbers in parentheses, `(*2*, *3*)`: their emphasis marks would be left as words.
    .replace(/\(\s*[*_]\d+[*_](?:\s*[-–—,;]\s*[*_]\d+[*_])*\s*\)/g, ' ')
    // Superscript digits glued to a word (`cities¹⁻³`, a citation pasted from Word) would make "cities¹" a word.
    .replace(/(?<=\p{L})[⁰¹²³⁴-⁹]+(?:[,;⁻–-][⁰¹²³⁴-⁹]+)*/gu, ' ')
    .replace(/<(?:https?|ftp|mailto):[^\s>]*>/gi, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/https?:\/\/\S+|\bdoi:\S+|\b10\.\d{4,9}\/\S+/gi, ' ')
    .replace(/(^|[^\p{L}\p{N}_])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/gu, '$1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/[{}]/g, '');
}

/**
 * Tokenises prose into terms: words of letters/digits, lower-cased for matching, stop words and pure numbers
 * dropped, one-letter words dropped, each stemmed (by `stem`: a model passes its {@link StemMemo}). Markup is
 * stripped first (see {@link stripMarkup}).
 *
 * @example terms('Generative Adversarial Networks (GANs) were used') // stems gener, adversari, network, gan
 */
export function terms(text: string, stem: StemFn = porterStem): Term[] {
  const out: Term[] = [];
  for (const match of stripMarkup(text).matchAll(WORD)) {
    const surface = match[0];
    const lower = surface.toLowerCase();
    if (lower.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(lower)) continue;
    out.push({ stem: stem(lower), surface });
  }
  return out;
}
