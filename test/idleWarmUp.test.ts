// The CSL warm-up waits for the first diagnostics and for the server to be idle, and runs once per wanted style.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleWarmUp } from '../server/src/lsp/idleWarmUp';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('warm-up runs only after the first diagnostics, once idle, once per wanted style', async () => {
  const warmed: string[] = [];
  let busy = false;
  const warmUp = new IdleWarmUp(() => busy, (style) => warmed.push(style), 10);
  warmUp.want('vancouver');
  await wait(40);
  assert.deepEqual(warmed, [], 'nothing before diagnostics are published');
  busy = true;
  warmUp.diagnosticsPublished();
  await wait(40);
  assert.deepEqual(warmed, [], 'nothing while checks or indexing run');
  busy = false;
  await wait(60);
  assert.deepEqual(warmed, ['vancouver']);
  warmUp.diagnosticsPublished();
  await wait(40);
  assert.deepEqual(warmed, ['vancouver'], 'a style is prepared once');
  warmUp.want('apa');
  await wait(60);
  assert.deepEqual(warmed, ['vancouver', 'apa'], 'a changed style is prepared when idle');
});
