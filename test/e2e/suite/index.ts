/**
 * The extension-host test suite: VS Code loads this module (through --extensionTestsPath) and awaits
 * `run()`; a rejection makes the run exit non-zero. The scenarios drive the real extension and language
 * server through the `vscode` API against a fresh copy of examples/ (opened as the workspace folder).
 */
import * as vscode from 'vscode';
import { restrictedScenarios } from './restricted';
import { runScenarios, type Scenario } from './runner';
import { afterEach, scenarios } from './scenarios';

export async function run(): Promise<void> {
  // OPENEDX_E2E_SUITE=restricted: the workspace is untrusted (test/e2e/suite/restricted.ts).
  const list: readonly Scenario[] = process.env.OPENEDX_E2E_SUITE === 'restricted' ? restrictedScenarios : scenarios;
  const report = await runScenarios(list, vscode.version, afterEach);
  const failed = report.scenarios.filter((s) => !s.ok);
  console.log(`suite: ${report.scenarios.length - failed.length} passed, ${failed.length} failed in ${report.totalMs} ms`);
  if (report.scenarios.length === 0) throw new Error('no scenario ran (check OPENEDX_E2E_ONLY)');
  if (failed.length > 0) throw new Error(`failed: ${failed.map((s) => s.name).join('; ')}`);
}
