/**
 * A small bibliography for end-to-end topic-fit tests: four works with abstracts on unrelated topics (protein
 * folding, galaxies, soil microbes, bird migration), so a citation of one for another's topic is clearly off.
 */
export const FOUR_TOPICS_BIB = [
  ['fold', 'Kim, Ann', 'Protein structure prediction with deep learning', 'Amino acid sequences determine protein structures; we predict folding with residue contact maps and evolutionary couplings from multiple sequence alignments.'],
  ['galaxy', 'Hubble, Edwin', 'Galaxy formation in cold dark matter halos', 'Simulations of cosmological halos show how spiral galaxies accrete gas, form stars and merge across cosmic time in dark matter.'],
  ['soil', 'Lee, Bo', 'Soil microbial communities under drought', 'Bacterial and fungal communities in grassland soils shift under drought, changing nitrogen cycling and carbon storage by roots.'],
  ['birds', 'Cruz, Dan', 'Migratory birds navigate by magnetic cues', 'Songbirds migrating at night orient with the geomagnetic field, star patterns and polarized light over continental flyways.'],
]
  .map(([key, author, title, abstract]) => `@article{${key},\n  author = {${author}},\n  title = {${title}},\n  abstract = {${abstract}},\n  year = {2020}\n}\n`)
  .join('\n');
