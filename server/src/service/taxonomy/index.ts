/**
 * Taxonomy support: read a taxonomy file, find its terms in prose, check how the prose names them,
 * and measure how the manuscript covers them. Everything here is plain data in, plain data out.
 */
export { derivedFrom, type Taxonomy, type TaxonomyTerm, type TermUse } from './model';
export { parseTaxonomy } from './parseTaxonomy';
export { compileTermMatcher, conceptsOf, findTermUses, termMatcherFor, type TermMatcher } from './termMatcher';
export {
  expansionOf,
  nonPreferredTerms,
  undefinedAbbreviations,
} from './termChecks';
export { findAbbreviationDefinitions, type AbbreviationDefinition } from './abbreviationDefinitions';
export { worksByTerm, type DescribedWork } from './bibliographyTerms';
export {
  computeCoverage,
  paragraphs,
  type Coverage,
  type CoverageCell,
  type CoverageCitation,
  type CoverageInput,
  type CoverageLocation,
  type CoverageSection,
  type CoverageTermRow,
} from './coverage';
