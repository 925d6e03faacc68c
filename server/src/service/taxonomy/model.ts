/**
 * The plain data model of a taxonomy and of term uses in prose. Offsets are UTF-16 code units of the
 * taxonomy file's text (for terms) or of the manuscript's text (for uses), like everything in the core.
 *
 * A taxonomy file (YAML or JSON) looks like this:
 *
 * ```yaml
 * title: Generative AI in healthcare
 * terms:
 *   - id: techniques
 *     label: Generative AI techniques
 *     children:
 *       - id: gan
 *         label: Generative adversarial networks
 *         abbreviation: GAN
 *         aliases: [adversarial networks]
 *         description: Two networks, a generator and a discriminator, trained against each other
 *   - id: vae                 # a flat entry placed in the tree by `parent`
 *     parent: techniques
 *     label: Variational autoencoders
 * ```
 */
import type { Problem, Span } from '../types';

/** One term of a taxonomy, placed in its tree. */
export interface TaxonomyTerm {
  /** Stable identifier (`gan`), unique in the taxonomy. */
  id: string;
  /** Preferred label (`Generative adversarial networks`). Falls back to the id when the file gives none. */
  label: string;
  /** Other names the taxonomy accepts but does not prefer. */
  aliases: string[];
  /** Abbreviation as written (`GAN`), matched case-sensitively; a plural `s` is tolerated in prose. */
  abbreviation?: string;
  /** One-line description, for hovers and completion. */
  description?: string;
  /** Id of the parent term, `null` for a root. */
  parentId: string | null;
  /** Ids of the children, in file order. */
  childrenIds: string[];
  /** 0 for roots. */
  depth: number;
  /** Labels from the root down to this term, inclusive. */
  path: string[];
  /** Span of the term's node (the mapping) in the taxonomy file. */
  span: Span;
  /** Span of the label's value (or of the id when there is no label). */
  labelSpan: Span;
  /** Span of the id's value. */
  idSpan: Span;
}

/** A parsed taxonomy. The valid part of a file loads even when other parts have problems. */
export interface Taxonomy {
  uri: string;
  /** `title:` of the file, when given. */
  title?: string;
  /** All terms in depth-first tree order (parents before children). */
  terms: TaxonomyTerm[];
  /** Ids of the root terms, in order. */
  rootIds: string[];
  byId: Map<string, TaxonomyTerm>;
  /** `taxonomy-syntax` problems, with spans in the taxonomy file. */
  problems: Problem[];
}

/** One mention of a taxonomy term in prose. */
export interface TermUse {
  termId: string;
  /** Span of the mention in the text (`GANs`, `large language models`). */
  span: Span;
  /** The mention as written. */
  surface: string;
  /** Which name of the term matched. */
  kind: 'label' | 'alias' | 'abbreviation';
}

/**
 * A value derived from a taxonomy, computed on first use and kept on the taxonomy object under `key` (the term
 * matcher, the uses found per chunk of text, completion names…). The field is not enumerable, so deepEqual and
 * JSON see the taxonomy as parsed; it lives as long as the taxonomy, which the service replaces when the file
 * changes, so nothing outlives the service that parsed it.
 */
export function derivedFrom<T>(taxonomy: Taxonomy, key: symbol, compute: (taxonomy: Taxonomy) => T): T {
  const fields = taxonomy as unknown as Record<symbol, T | undefined>;
  let value = fields[key];
  if (value === undefined) {
    value = compute(taxonomy);
    Object.defineProperty(taxonomy, key, { value, enumerable: false });
  }
  return value;
}
