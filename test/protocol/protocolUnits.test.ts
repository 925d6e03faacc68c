/**
 * The language server's own small parts, without a process: configuration mapping, URI ↔ path, offset ↔
 * position conversion (UTF-16), and the debounced check scheduler.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckScheduler } from '../../server/src/lsp/checkScheduler';
import { readConfiguration } from '../../server/src/lsp/configuration';
import { lineTable, toOffset, toRange } from '../../server/src/lsp/positions';
import { pathToUri, uriToPath } from '../../server/src/lsp/uris';

describe('configuration', () => {
  const cases: { name: string; section: unknown; settings: Record<string, unknown>; debounceMs?: number }[] = [
    { name: 'empty', section: undefined, settings: {} },
    {
      name: 'nested names map onto flat settings',
      section: {
        citationStyle: 'apa',
        bibliography: ['refs/*.bib'],
        diagnostics: { severity: { 'orphaned-reference': 'ignore' }, debounce: 40 },
        topicFit: { threshold: 0.3, enabled: false },
        renumber: { compactRanges: false, removeUncited: true },
        numbering: 'alphabetical',
      },
      settings: {
        citationStyle: 'apa',
        bibliography: ['refs/*.bib'],
        diagnosticsSeverity: { 'orphaned-reference': 'ignore' },
        topicFitThreshold: 0.3,
        topicFitEnabled: false,
        renumberCompactRanges: false,
        renumberRemoveUncited: true,
        numbering: 'alphabetical',
      },
      debounceMs: 40,
    },
    { name: 'flat dotted keys as some clients send them', section: { 'topicFit.threshold': 0.5 }, settings: { topicFitThreshold: 0.5 } },
    { name: 'an empty taxonomy path is none', section: { taxonomy: '' }, settings: { taxonomy: null } },
    { name: 'a taxonomy object holds the path', section: { taxonomy: { path: 't.yaml' } }, settings: { taxonomy: 't.yaml' } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { settings, options } = readConfiguration(c.section);
      assert.deepEqual(settings, c.settings);
      assert.equal(options.debounceMs, c.debounceMs ?? 150);
    });
  }
});

test('URIs and paths round-trip, with spaces and non-ASCII names', () => {
  for (const path of ['/home/a/review/manuscript.md', '/tmp/my paper/Übersicht #1.md']) {
    assert.equal(uriToPath(pathToUri(path)), path);
  }
  assert.equal(uriToPath('untitled:Untitled-1'), 'untitled:Untitled-1');
});

test('positions count UTF-16 code units and lines as LSP does', () => {
  const text = 'a😀b\r\nsecond [1]\nthird';
  const doc = lineTable('/x.md', text);
  const at = text.indexOf('[1]');
  assert.deepEqual(toRange(doc, { start: at, end: at + 3 }), { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } });
  assert.deepEqual(toRange(doc, { start: 3, end: 4 }), { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
  assert.equal(toOffset(doc, { line: 2, character: 2 }), text.indexOf('third') + 2);
  assert.equal(lineTable('/x.md', text), doc, 'the same text reuses its line table');
});

describe('check scheduler', () => {
  test('a burst of changes runs one check after the delay', async () => {
    const runs: string[] = [];
    const scheduler = new CheckScheduler(async (key) => void runs.push(key), () => 20, assert.fail);
    for (let i = 0; i < 10; i++) scheduler.schedule('a');
    scheduler.schedule('b');
    await scheduler.idle();
    assert.deepEqual(runs.sort(), ['a', 'b']);
  });

  test('a change during a running check runs exactly one more, never two at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release!: () => void;
    const scheduler = new CheckScheduler(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      running--;
    }, () => 0, assert.fail);
    scheduler.schedule('a');
    scheduler.schedule('a');
    scheduler.schedule('a');
    release();
    await scheduler.idle();
    assert.equal(runs, 2);
    assert.equal(maxRunning, 1);
  });

  test('a failing check is reported and the next one still runs', async () => {
    const errors: string[] = [];
    let n = 0;
    const scheduler = new CheckScheduler(async () => {
      if (n++ === 0) throw new Error('boom');
    }, () => 0, (key, e) => errors.push(`${key}: ${(e as Error).message}`));
    scheduler.schedule('a');
    await scheduler.idle();
    scheduler.schedule('a');
    await scheduler.idle();
    assert.deepEqual(errors, ['a: boom']);
    assert.equal(n, 2);
  });

  test('cancel drops a pending check', async () => {
    const runs: string[] = [];
    const scheduler = new CheckScheduler(async (key) => void runs.push(key), () => 10, assert.fail);
    scheduler.schedule('a');
    scheduler.cancel('a');
    await scheduler.idle();
    assert.deepEqual(runs, []);
  });
});
