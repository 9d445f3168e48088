/**
 * The end-to-end layer: the extension in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3,
 * driven by Debian's Chromium; see docs/testing-e2e.md and test/e2e/launcher/).
 *
 * 1. The toolchain is provisioned; if not, this fails with the reason (it never skips).
 * 2. `@vscode/test-electron`'s runTests runs the extension-host suite (test/e2e/suite/) through the
 *    launcher, which stands in for the VS Code executable; each scenario is reported with its duration.
 * 3. UI-level checks drive the page (completion widget, hover, Problems panel) and save screenshots.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { missingToolchain, repoRoot } from './launcher/toolchain';
import type { SuiteReport } from './suite/runner';
import { runUiChecks } from './ui/checks';
import { runDocumentationCheck } from './ui/documentation';
import { copyExamples, removeCopy, restrictedWorkspace } from './workspace';

const resultsDir = path.join(repoRoot, 'test-results');
const launcher = path.join(repoRoot, 'out', 'test', 'e2e', 'launcher', 'main.js');
const suite = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
/** The screenshots the README shows (docs/images/). */
const README_IMAGES = ['completion.png', 'hover.png', 'problems.png', 'documentation-offer.png', 'documentation-hover.png', 'library-hover.png'];

/** Fails with every reason the layer cannot run (toolchain, build), each with the command that fixes it. */
function assertRunnable(): void {
  const missing = missingToolchain();
  for (const bundle of ['client.js', 'server.js', 'server-main.js']) {
    if (!existsSync(path.join(repoRoot, 'dist', bundle))) missing.push(`dist/${bundle} is missing: build with \`node esbuild.mjs\``);
  }
  if (!existsSync(launcher) || !existsSync(suite)) missing.push('out/test/e2e is incomplete: compile with `npx tsc -p .`');
  assert.deepEqual(missing, [], `the e2e layer cannot run:\n  - ${missing.join('\n  - ')}`);
}

test('e2e toolchain and build are in place', () => {
  assertRunnable();
});

/**
 * Runs the extension-host suite (`suite`: the scenarios, or `restricted`) through the launcher on a
 * fresh workspace, and reports each scenario as a subtest of `t`.
 */
async function runSuite(t: TestContext, suiteName: 'scenarios' | 'restricted', makeWorkspace: () => string): Promise<void> {
  assertRunnable();
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `e2e-${suiteName}.json`);
  rmSync(resultsFile, { force: true });
  chmodSync(launcher, 0o755); // tsc keeps the shebang but not the executable bit
  const profile = mkdtempSync(path.join(os.tmpdir(), 'openedx-e2e-profile-'));
  const workspace = makeWorkspace();
  const started = Date.now();
  let exitCode: number;
  try {
    exitCode = await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [workspace, `--user-data-dir=${profile}/user-data`, `--extensions-dir=${profile}/extensions`],
      // The launcher gives up (and cleans up) before this test's own timeout.
      extensionTestsEnv: { OPENEDX_E2E_RESULTS: resultsFile, OPENEDX_E2E_TIMEOUT_MS: '150000', OPENEDX_E2E_SUITE: suiteName },
    });
  } catch (error) {
    exitCode = (error as { code?: number }).code ?? 1;
  } finally {
    removeCopy(workspace);
    rmSync(profile, { recursive: true, force: true });
  }
  const wall = Date.now() - started;
  assert.ok(existsSync(resultsFile), `the suite wrote no report (${resultsFile}); exit code ${exitCode}: see the log above`);
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteReport;
  console.log(`\nVS Code ${report.vscodeVersion}: ${report.scenarios.length} scenarios in ${report.totalMs} ms (whole run with start-up: ${wall} ms)`);
  for (const s of report.scenarios) {
    console.log(`  ${s.ok ? 'pass' : 'FAIL'}  ${String(s.durationMs).padStart(6)} ms  ${s.name}`);
  }
  for (const s of report.scenarios) {
    await t.test(`${s.name} (${s.durationMs} ms)`, () => {
      assert.ok(s.ok, s.error);
    });
  }
  assert.equal(exitCode, 0, `the suite run exited with ${exitCode}`);
}

test('extension-host scenarios pass in a real VS Code (runTests + launcher)', { timeout: 200_000 }, (t) => runSuite(t, 'scenarios', copyExamples));

test('Restricted Mode: an untrusted workspace\'s own schemas, sources and associations settings are ignored', { timeout: 200_000 }, (t) =>
  runSuite(t, 'restricted', restrictedWorkspace),
);

test('UI: the documentation download offered, fetched from a local upstream, and shown in the hover', { timeout: 150_000 }, async () => {
  assertRunnable();
  const shots = path.join(resultsDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const timings = await runDocumentationCheck({ screenshotsDir: shots });
  for (const [name, ms] of Object.entries(timings)) console.log(`  ${String(ms).padStart(6)} ms  UI: ${name}`);
  for (const file of ['documentation-offer.png', 'documentation-hover.png']) assert.ok(statSync(path.join(shots, file)).size > 10_000, `${file} looks empty`);
});

test('UI: completion widget, hover and Problems panel in the workbench page', { timeout: 150_000 }, async () => {
  assertRunnable();
  const shots = path.join(resultsDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const workspace = copyExamples();
  let timings: Record<string, number>;
  try {
    timings = await runUiChecks({ workspace, screenshotsDir: shots });
  } finally {
    removeCopy(workspace);
  }
  for (const [name, ms] of Object.entries(timings)) console.log(`  ${String(ms).padStart(6)} ms  UI: ${name}`);
  for (const file of README_IMAGES) {
    assert.ok(statSync(path.join(shots, file)).size > 10_000, `${file} looks empty`);
  }
  // The README's pictures are refreshed on request only, so that a test run never changes tracked files.
  if (process.env.OPENEDX_E2E_UPDATE_IMAGES === '1') {
    const images = path.join(repoRoot, 'docs', 'images');
    mkdirSync(images, { recursive: true });
    for (const file of README_IMAGES) copyFileSync(path.join(shots, file), path.join(images, file));
    console.log(`  copied ${README_IMAGES.join(', ')} to ${images}`);
  }
});
