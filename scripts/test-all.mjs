#!/usr/bin/env node
// The README's test command: lint, type-check, build, then every test layer in order.
// A layer that cannot run fails the whole command with its reason; nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

/** Runs a command, streaming its output; returns its exit code. */
function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const code = r.status ?? 1;
  console.log(`=== ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

// Layers of node:test suites, each a folder of compiled tests under out/test/. `package` goes last:
// it rebuilds dist/ in production mode.
const LAYERS = (process.env.OPENEDX_TEST_LAYERS ?? 'unit,protocol,corpus,robustness,e2e,package').split(',').filter(Boolean);

const steps = [
  // The e2e layer needs Debian's Chromium and code-server: install them when missing (idempotent, fast when done).
  ...(LAYERS.includes('e2e')
    ? [
        ['provision system packages', 'bash', ['scripts/provision-system.sh']],
        ['provision e2e toolchain', 'bash', ['scripts/provision-e2e.sh']],
      ]
    : []),
  ['lint', 'npx', ['eslint', '.']],
  ['compile', 'npx', ['tsc', '-p', '.']],
  ['build', 'node', ['esbuild.mjs']],
];
for (const [label, cmd, args] of steps) {
  if (run(label, cmd, args) !== 0) process.exit(1);
}

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const failedLayers = [];
for (const layer of LAYERS) {
  const dir = path.join('out', 'test', layer);
  if (!existsSync(dir)) {
    console.error(`\n=== layer ${layer}: CANNOT RUN: ${dir} does not exist (tests for this layer are missing)`);
    failed += 1;
    failedLayers.push(layer);
    continue;
  }
  const tap = path.join('test-results', `${layer}.tap`);
  const code = run(`layer ${layer}`, process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    dir,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const p = Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0);
  const f = Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0);
  const tests = Number(/^# tests (\d+)$/m.exec(text)?.[1] ?? 0);
  passed += p;
  failed += f;
  if (code !== 0 || tests === 0) {
    if (f === 0) failed += 1; // a crash or an empty layer counts as a failure
    failedLayers.push(layer);
  }
}
console.log(`\nlayers: ${LAYERS.join(', ')}${failedLayers.length ? ` (failed: ${failedLayers.join(', ')})` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failedLayers.length === 0 ? 0 : 1);
