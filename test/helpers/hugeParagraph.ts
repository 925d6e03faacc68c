/**
 * A pathological manuscript (issue 14 item 12): one paragraph of ~262 KB with 4,000 citations and no full stop,
 * so the whole paragraph is one "sentence", and a bibliography of the 400 works it cites in turn.
 */
export function hugeParagraph(citations = 4_000, works = 400): { manuscript: string; bib: string } {
  const words = ['deep', 'learning', 'models', 'of', 'protein', 'structure', 'predict', 'folding', 'with', 'attention', 'and', 'evolution'];
  const parts: string[] = [];
  for (let i = 0; i < citations; i++) {
    const clause = Array.from({ length: 5 }, (_, k) => words[(i * 5 + k) % words.length]).join(' ');
    parts.push(`${clause} as shown in study ${i} [@w${i % works}]`);
  }
  const manuscript = `---\nbibliography: refs.bib\n---\n\n# Review\n\n${parts.join(', ')}\n`;
  const bib = Array.from({ length: works }, (_, i) => `@article{w${i}, title = {${words[i % 12]} ${words[(i + 3) % 12]} study ${i}}, author = {Doe, J.}, year = {2020}}`).join('\n');
  return { manuscript, bib };
}
