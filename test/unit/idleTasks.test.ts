// Idle tasks (the CSL warm-up, collecting garbage) wait for the first diagnostics and for the server to be idle,
// and run once each, one per idle period.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleTasks } from '../../server/src/lsp/idleTasks';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a task runs only after the first diagnostics, once idle, once per time it is wanted', async () => {
  const ran: string[] = [];
  const record = (name: string) => () => void ran.push(name);
  let busy = false as boolean;
  const idle = new IdleTasks(() => busy, 10);
  idle.want('style', record('vancouver'));
  await wait(40);
  assert.deepEqual(ran, [], 'nothing before diagnostics are published');
  busy = true;
  idle.diagnosticsPublished();
  await wait(40);
  assert.deepEqual(ran, [], 'nothing while checks, indexing or learning run');
  busy = false;
  await wait(60);
  assert.deepEqual(ran, ['vancouver']);
  idle.diagnosticsPublished();
  await wait(40);
  assert.deepEqual(ran, ['vancouver'], 'a task runs once');
  idle.want('style', record('apa'));
  await wait(60);
  assert.deepEqual(ran, ['vancouver', 'apa'], 'wanted again, it runs again when idle');
});

test('a task wanted again before it ran runs once, in its latest form; tasks run in separate idle periods', async () => {
  const ran: [string, number][] = [];
  const idle = new IdleTasks(() => false, 20);
  idle.diagnosticsPublished();
  idle.want('style', () => ran.push(['vancouver', performance.now()]));
  idle.want('memory', () => ran.push(['memory', performance.now()]));
  idle.want('style', () => ran.push(['apa', performance.now()]));
  await wait(150);
  assert.deepEqual(ran.map(([name]) => name), ['apa', 'memory']);
  assert.ok(ran[1][1] - ran[0][1] >= 19, `the second task waited for an idle period of its own (${(ran[1][1] - ran[0][1]).toFixed(1)} ms)`);
});

test('an edit restarts the idle period', async () => {
  const ran: string[] = [];
  const idle = new IdleTasks(() => false, 30);
  idle.diagnosticsPublished();
  idle.want('memory', () => ran.push('memory'));
  for (let i = 0; i < 4; i++) {
    await wait(15);
    idle.activity();
  }
  assert.deepEqual(ran, [], 'edits every 15 ms keep the server busy');
  await wait(100);
  assert.deepEqual(ran, ['memory']);
});

test('a task wanted first runs before those wanted earlier', async () => {
  const ran: string[] = [];
  const idle = new IdleTasks(() => false, 10);
  idle.want('style', () => ran.push('style'));
  idle.want('memory', () => ran.push('memory'));
  idle.want('rehearsal', () => ran.push('rehearsal'), true);
  idle.diagnosticsPublished();
  await wait(120);
  assert.deepEqual(ran, ['rehearsal', 'style', 'memory']);
});
