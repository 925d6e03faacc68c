/**
 * A reference-list item's authors, title and venue, read from its text — for a numeric manuscript whose list has
 * no BibTeX entries behind it. Topic fit judges such a work by its title, and says what the title is about: read
 * whole, "Trauer JM, Qian MY, … Cognitive behavioral therapy for chronic insomnia … Ann Intern Med. 2015;163(3)"
 * made the message say "its title is about ann intern med, cunnington DC".
 *
 * Hand-written: no maintained JavaScript library parses free-text references (the tools that do — GROBID,
 * AnyStyle, CERMINE — are Java or Ruby services with trained models). The rules cover the styles reviews use:
 *
 * - a quoted title (IEEE, ACS, Chicago notes): `T. P. Hughes et al., “Global warming …,” Nature, …`;
 * - an author list, then the title up to the next full stop: Vancouver / AMA (`Diekelmann S, Born J. The memory
 *   function of sleep. Nat Rev Neurosci. 2010;…`), Nature / Harvard / APA (`Diekelmann, S. & Born, J. (2010). The
 *   memory function of sleep. Nature Reviews Neuroscience, 11, 114–126.`), initials first (`S. Diekelmann and J.
 *   Born, The memory function of sleep, …`).
 *
 * Anything else (an organisation as author, a bare URL, a title first) gives `null`, and the caller keeps reading
 * the whole item, as before: a wrong split would be worse than none.
 */

export interface ReferenceItemFields {
  /** Family names, in order (for the name veto: "Diekelmann and Born showed…"). */
  authors: string[];
  title: string;
  /** The journal, book or proceedings, when it follows the title as a segment of its own. */
  venue?: string;
}

// A family name: capitalised words, possibly with particles ("van der Meij", "de la Cruz") and hyphens or
// apostrophes ("Nüsslein-Volhard", "O'Neil").
const PARTICLE = String.raw`(?:(?:van|von|der|den|de|del|della|di|da|dos|du|la|le|ten|ter|bin|al|el)\s+)`;
const FAMILY = String.raw`${PARTICLE}*\p{Lu}[\p{L}'’\-]*(?:\s+${PARTICLE}*\p{Lu}[\p{Ll}'’\-][\p{L}'’\-]*)*`;
/** Initials with stops ("J.", "J. D.", "J.-P.") or, Vancouver, without ("JD"). */
const DOTTED = String.raw`\p{Lu}\.(?:\s?-?\p{Lu}\.)*`;
const BARE = String.raw`\p{Lu}{1,3}`;

// One author, in each style's order. Tried in this order at each position (the longest forms first).
const AUTHOR = new RegExp(
  String.raw`^(?:(?<a>${FAMILY}),\s+(?:${DOTTED}|\p{Lu}[\p{Ll}]+(?:\s+${DOTTED})?)` + // Diekelmann, S. | Smith, Jane | Smith, Jane A.
    String.raw`|(?<b>${FAMILY})\s+${BARE}(?=[,;.]|\s+(?:and|&)\s)` + // Diekelmann S (Vancouver)
    String.raw`|${DOTTED}\s+(?<c>${FAMILY}))`, // S. Diekelmann (IEEE, ACS)
  'u',
);
const SEPARATOR = /^(?:,\s*(?:&|and)\s+|\s*(?:&|and)\s+|[,;]\s+)/u;
const ET_AL = /^,?\s*et\s+al\.?/u;
// After the list: a full stop or comma, and for author–date styles the year in parentheses.
const LIST_END = /^(?:\s*\((?:\d{4}[a-z]?|n\.d\.)\))?(?<stop>[.,:]?)\s+/u;

/** The fields of a reference-list item (without its number), or `null` when its form is not recognised. */
export function referenceItemFields(itemText: string): ReferenceItemFields | null {
  const text = itemText.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  const quoted = /^(.*?)[“"]([^”"]{4,}?)[,.]?[”"]\s*[,.]?\s*(.*)$/u.exec(text);
  if (quoted) {
    const title = quoted[2].trim();
    return { authors: authorsOf(quoted[1]).authors, title, ...venueOf(quoted[3]) };
  }
  const { authors, end, comma } = authorsOf(text);
  if (!authors.length || end === 0) return null;
  const rest = text.slice(end);
  // A list closed by a comma ("S. Diekelmann and J. Born, The memory function of sleep, Nat. Rev. …") closes
  // its title with one too.
  const stop = comma ? (rest.indexOf(', ') + 1 || rest.length + 1) - 1 : titleEnd(rest);
  const title = rest.slice(0, stop).trim();
  // A title is a phrase: two words at least, and not the author list read on (a lone initial, a year).
  if (title.split(' ').length < 2 || /^\d/.test(title)) return null;
  return { authors, title, ...venueOf(rest.slice(stop + 1)) };
}

/**
 * The first author's family name at the start of a reference-list item (without its number), by the same author
 * rules as {@link referenceItemFields}; null when the item does not open with an author in one of those forms.
 * Used to judge whether a list is numbered alphabetically (`listOrder.ts`).
 */
export function firstAuthorFamily(itemText: string): string | null {
  const text = itemText.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  const m = AUTHOR.exec(text);
  return m ? (m.groups!.a ?? m.groups!.b ?? m.groups!.c).trim() : null;
}

/** The author list at the start of `text`: family names and where the list (with its year) ends. */
function authorsOf(text: string): { authors: string[]; end: number; comma?: boolean } {
  const authors: string[] = [];
  let at = 0;
  for (let next = 0; ; ) {
    const m = AUTHOR.exec(text.slice(next));
    if (!m) break;
    authors.push((m.groups!.a ?? m.groups!.b ?? m.groups!.c).trim());
    at = next + m[0].length;
    const sep = SEPARATOR.exec(text.slice(at));
    if (!sep) break;
    // The list goes on only if another author follows the separator ("…, et al." and "…, The title" end it).
    next = at + sep[0].length;
  }
  if (!authors.length) return { authors, end: 0 };
  const etAl = ET_AL.exec(text.slice(at));
  if (etAl) at += etAl[0].length;
  const end = LIST_END.exec(text.slice(at));
  return end ? { authors, end: at + end[0].length, comma: end.groups!.stop === ',' } : { authors, end: 0 };
}

/**
 * Where the title ends: the first full stop followed by a space (or the end) that does not close an initial
 * or an abbreviation ("vs.", "e.g.", "St."); a question or exclamation mark when the venue follows it.
 */
function titleEnd(rest: string): number {
  const re = /[.?!](?=\s|$)/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    // A title ending in "?" or "!" has no full stop of its own: it ends there when a venue and its year or volume
    // follow ("Overnight therapy? Psychol Bull. 2009;135…"), not when the title goes on ("… therapy? The role of…").
    if (m[0] !== '.') {
      if (/^\s+[^.?!]{1,60}\.\s*\(?\d/.test(rest.slice(m.index + 1))) return m.index + 1;
      continue;
    }
    const before = rest.slice(Math.max(0, m.index - 4), m.index);
    if (/(?:^|[\s(])(?:\p{Lu}|vs|e\.g|i\.e|St|Dr|No|al)$/u.test(before)) continue;
    return m.index;
  }
  return rest.length;
}

/** The venue: the segment after the title, up to its volume, year or pages. */
function venueOf(after: string): { venue?: string } {
  const venue = after
    .replace(/^\s*In:?\s+/i, '')
    .split(/[;,(]|\s\d/u)[0]
    .replace(/\.\s*$/, '')
    .trim();
  return venue && /\p{L}{2}/u.test(venue) ? { venue } : {};
}
