/**
 * Pandoc conformance: for every case of Pandoc's own citation tests (shared/conformance/pandoc), Citelens
 * finds exactly the citations Pandoc 2.17 reads: same keys, modes, prefixes and suffixes, in the same order.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import { sharedDir, skipWithoutShared } from '../helpers/shared';
import { pandocPlain } from '../helpers/pandocText';

const dir = join(sharedDir, 'conformance', 'pandoc');

interface Oracle {
  id: string;
  mode: string;
  prefix: string;
  suffix: string;
}


function found(text: string): Oracle[] {
  const ms = parseManuscript('/case.md', text, defaultSettings, new ManuscriptCaches());
  return ms.citations.flatMap((c) =>
    c.items.map((i) => ({ id: i.key ?? i.ref, mode: i.mode ?? 'NumericCitation', prefix: pandocPlain(i.prefix ?? ''), suffix: pandocPlain(i.suffix ?? '') })),
  );
}

function cases(): { name: string; md: string; oracle: string }[] {
  if (!existsSync(dir)) return [];
  const list = [{ name: 'markdown-citations', md: join(dir, 'markdown-citations.txt'), oracle: join(dir, 'markdown-citations.oracle.jsonl') }];
  for (const f of readdirSync(join(dir, 'cases')).sort()) {
    if (f.endsWith('.md')) list.push({ name: f.slice(0, -3), md: join(dir, 'cases', f), oracle: join(dir, 'cases', f.replace(/\.md$/, '.oracle.jsonl')) });
  }
  return list;
}

test('Pandoc conformance: every case reads the citations Pandoc reads', { skip: skipWithoutShared }, () => {
  const failures: string[] = [];
  const all = cases();
  for (const c of all) {
    const expected = readFileSync(c.oracle, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Oracle)
      .map((o) => ({ id: o.id, mode: o.mode, prefix: pandocPlain(o.prefix), suffix: pandocPlain(o.suffix) }));
    // Pandoc-style conformance: numeric brackets are Citelens's own extension, not Pandoc's.
    const actual = found(readFileSync(c.md, 'utf8')).filter((x) => x.mode !== 'NumericCitation');
    try {
      assert.deepEqual(actual, expected);
    } catch {
      failures.push(`${c.name}:\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`);
    }
  }
  console.log(`Pandoc conformance: ${all.length - failures.length}/${all.length} cases agree`);
  assert.equal(failures.length, 0, failures.join('\n'));
});
