/**
 * A review above the size from which the language server learns its topic model in the background (500 works
 * plus citing sentences): 600 BibTeX entries cycling four topics, eight sentences citing on-topic works, and one
 * citing a privacy work for image synthesis (off topic).
 */
export const largeReview = (() => {
  const topics = [
    ['diffusion', 'denoising', 'synthesis', 'image', 'generation'],
    ['privacy', 'regulation', 'consent', 'protection', 'law'],
    ['language', 'clinical', 'notes', 'extraction', 'transformer'],
    ['contrastive', 'representation', 'pretraining', 'augmentation', 'views'],
  ];
  const bib = Array.from({ length: 600 }, (_, i) => {
    const t = topics[i % topics.length];
    return `@article{w${i}, title = {${t[i % 5]} ${t[(i + 1) % 5]} ${t[(i + 2) % 5]} and ${t[(i + 3) % 5]} study ${i}}, year = {2020}}`;
  }).join('\n');
  // Sentence k cites w(k): topic k % 4 fits; the last sentence cites w1 (privacy) for image synthesis.
  const body = Array.from({ length: 8 }, (_, k) => {
    const t = topics[k % topics.length];
    return `Work on ${t[0]} ${t[1]} and ${t[2]} ${t[3]} improved [@w${k}].`;
  }).join(' ');
  const manuscript = `---\nbibliography: refs.bib\n---\n# Review\n\n${body}\n\nDenoising diffusion synthesis of images is now routine [@w1].\n`;
  return { bib, manuscript, files: { '/m.md': manuscript, '/refs.bib': bib } };
})();

/** The `off-topic-citation`s of an analysis, as position and message. */
export function offTopic(a: { diagnostics: { code: string; message: string; span: { start: number } }[] }): string[] {
  return a.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => `${d.span.start} ${d.message}`);
}
