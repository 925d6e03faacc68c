/**
 * Preloaded into the language server by `test/noNetwork.test.ts` (`NODE_OPTIONS=--require …`): every way to reach
 * the network (socket connect, DNS, HTTP(S), TLS, fetch) and to run a program is replaced by a function that
 * appends what was attempted to `$CITELENS_NETWORK_LOG` and throws. The test then asserts the log is empty.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (`node --require`) */
'use strict';
const fs = require('node:fs');

const log = process.env.CITELENS_NETWORK_LOG;

function patch(object, name, what) {
  if (!object || typeof object[name] !== 'function') return;
  object[name] = function blocked(...args) {
    const detail = args.filter((a) => typeof a === 'string' || typeof a === 'number').join(' ');
    const line = `${what}.${name} ${detail}\n${new Error().stack}\n`;
    if (log) fs.appendFileSync(log, line);
    throw new Error(`network and processes are forbidden in this test: ${what}.${name} ${detail}`);
  };
}

const net = require('node:net');
patch(net.Socket.prototype, 'connect', 'net.Socket');
patch(net, 'connect', 'net');
patch(net, 'createConnection', 'net');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) patch(dns, name, 'dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) patch(dns.promises, name, 'dns.promises');
for (const mod of ['node:http', 'node:https', 'node:http2']) {
  const m = require(mod);
  patch(m, 'request', mod);
  patch(m, 'get', mod);
  patch(m, 'connect', mod);
}
patch(require('node:tls'), 'connect', 'tls');
patch(globalThis, 'fetch', 'globalThis');
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patch(childProcess, name, 'child_process');
