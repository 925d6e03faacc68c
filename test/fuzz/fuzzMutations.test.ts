/**
 * Mutation fuzzing of real files (fast-check, seeded): windows of the example workspace, of the manuscripts and
 * bibliographies in `shared/eval/` and of the big bibliographies in `shared/bench/` (small samples read at
 * seeded offsets), with characters flipped, ranges deleted, fragments inserted and the text truncated. A few
 * whole manuscripts are mutated too. See `helpers/fuzzInvariants.ts` for what must hold.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import fc from 'fast-check';
import { mutate, mutation } from '../helpers/fuzzArbitraries';
import { checkInvariants, fuzz, FUZZ_SEED, FUZZ_TEST } from '../helpers/fuzzInvariants';
import { repoRoot, sharedDir, skipWithoutShared } from '../helpers/shared';

const WINDOW = 4096;

/** `count` windows of `size` characters of a file, at offsets fixed by the seed (reads only those bytes). */
function windows(path: string, count: number, size = WINDOW): string[] {
  const fd = openSync(path, 'r');
  try {
    const length = fstatSync(fd).size;
    const out: string[] = [];
    let state = FUZZ_SEED >>> 0;
    for (let i = 0; i < count; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const at = length > size ? state % (length - size) : 0;
      const buffer = Buffer.alloc(Math.min(size, length));
      readSync(fd, buffer, 0, buffer.length, at);
      out.push(buffer.toString('utf8'));
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

const example = join(repoRoot, 'examples/genai-healthcare');
const evalDir = join(sharedDir, 'eval');
const benchDir = join(sharedDir, 'bench');
const evalSets = ['deep-rules', 'ten-simple-rules-dockerfiles'].filter((s) => existsSync(join(evalDir, s)));
const benchBibs = ['aibasel-all.bib', 'biblatex-examples.bib', 'bibliotex-all.bib', 'dblp-ml.bib', 'rfc.bib'].map((f) => join(benchDir, f)).filter(existsSync);

function sources(kind: 'md' | 'bib', shared: boolean): string[] {
  const out: string[] = [];
  if (!shared) {
    out.push(...windows(join(example, kind === 'md' ? 'manuscript.md' : 'references.bib'), 12));
    return out;
  }
  for (const set of evalSets) {
    if (kind === 'md') out.push(...windows(join(evalDir, set, 'manuscript.md'), 8), ...windows(join(evalDir, set, 'manuscript.numeric.md'), 8));
    else out.push(...windows(join(evalDir, set, 'references.bib'), 8));
  }
  if (kind === 'bib') for (const bib of benchBibs) out.push(...windows(bib, 6, 8192));
  return out;
}

async function fuzzWindows(t: TestContext, mds: string[], bibs: string[], runs: number): Promise<void> {
  await fuzz(
    t,
    fc.asyncProperty(fc.constantFrom(...mds), fc.constantFrom(...bibs), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.array(mutation, { maxLength: 6 }), async (md, bib, mm, mb) => {
      await checkInvariants({ '/w/paper.md': mutate(md, mm), '/w/refs.bib': mutate(bib, mb) }, '/w/paper.md');
    }),
    runs,
  );
}

test('mutated windows of the example workspace', FUZZ_TEST, async (t) => {
  await fuzzWindows(t, sources('md', false), sources('bib', false), 800);
});

test('mutated windows of shared/eval manuscripts and shared/eval + shared/bench bibliographies', { ...FUZZ_TEST, skip: skipWithoutShared }, async (t) => {
  await fuzzWindows(t, sources('md', true), sources('bib', true), 1500);
});

test('mutated whole manuscripts with their bibliographies', { ...FUZZ_TEST, skip: skipWithoutShared }, async (t) => {
  const sets = evalSets.map((s) => ({
    md: readFileSync(join(evalDir, s, 'manuscript.numeric.md'), 'utf8'),
    pandoc: readFileSync(join(evalDir, s, 'manuscript.md'), 'utf8'),
    bib: readFileSync(join(evalDir, s, 'references.bib'), 'utf8'),
  }));
  await fuzz(
    t,
    fc.asyncProperty(fc.constantFrom(...sets), fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (set, numeric, mm) => {
      await checkInvariants({ '/w/paper.md': mutate(numeric ? set.md : set.pandoc, mm), '/w/refs.bib': set.bib }, '/w/paper.md');
    }),
    16,
  );
});
