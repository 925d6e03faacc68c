/**
 * `npm run eval -- --timing`: the topic model's cost on a generated review (5,000 works, half with abstracts; 850
 * claims with context), for the eval's report. The budgets proper are measured by `npm run bench`.
 */
import type { ClaimText, WorkText } from '../server/src/service/topicFit/texts';
import { buildTopicModel } from './topicFitVariants';


export function timing(): void {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  // Content words after stop-word removal follow a Zipf–Mandelbrot law, p(rank r) ∝ 1 / (r + 50): the
  // commonest word occurs in about a third of the abstracts.
  const size = 30000;
  const offset = 50;
  const vocab = Array.from({ length: size }, (_, i) => `w${i.toString(36)}x${'abcdefgh'[i % 8]}`);
  const zipf = (): string =>
    vocab[Math.min(size - 1, Math.floor(offset * Math.pow((size + offset) / offset, rand()) - offset))];
  const sentence = (n: number): string => Array.from({ length: n }, zipf).join(' ');
  const works: WorkText[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `w${i}`,
    title: sentence(10),
    abstract: i % 2 ? sentence(150) : undefined,
    venue: sentence(3),
  }));
  const claims: ClaimText[] = Array.from({ length: 850 }, (_, i) => ({
    id: `c${i}`,
    text: sentence(25),
    context: sentence(50),
    headingPath: [sentence(3), sentence(4)],
    paragraphId: `p${Math.floor(i / 3)}`,
    citedWorkIds: [`w${(i * 7) % 5000}`, `w${(i * 13) % 5000}`],
  }));
  let t = performance.now();
  const model = buildTopicModel(works, claims);
  const build = performance.now() - t;
  // Scoring every citation: the first pass (cold) and the median of five more.
  const passes: number[] = [];
  let n = 0;
  for (let pass = 0; pass < 6; pass++) {
    t = performance.now();
    n = 0;
    for (const c of claims) {
      for (const w of c.citedWorkIds) {
        model.score(c.id, w);
        n++;
      }
    }
    passes.push(performance.now() - t);
  }
  const scoreAll = passes[0];
  const scoreWarm = passes.slice(1).sort((a, b) => a - b)[2];
  t = performance.now();
  model.updateClaim({ ...claims[10], text: sentence(25) });
  for (const w of claims[10].citedWorkIds) model.score(claims[10].id, w);
  const update = performance.now() - t;
  t = performance.now();
  model.explain(claims[10].id, claims[10].citedWorkIds[0], (id) => `@${id}`);
  const explain = performance.now() - t;
  console.log(
    `\nTiming (generated: 5,000 works, half with abstracts; 850 claims with context; ${n} citation–work pairs):\n` +
      `  build ${build.toFixed(0)} ms, score all ${scoreAll.toFixed(1)} ms (first pass; ${scoreWarm.toFixed(1)} ms warm), ` +
      `edit one claim + rescore ${update.toFixed(2)} ms, explain one (with suggestions) ${explain.toFixed(1)} ms`,
  );
}
