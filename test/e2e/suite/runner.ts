/**
 * A tiny sequential test runner for the extension host (no mocha): named scenarios, each timed, each
 * failure recorded with its message, and a JSON report written where the e2e layer asks for it
 * (OPENEDX_E2E_RESULTS), so the node:test side can print every scenario's duration.
 */
import { writeFileSync } from 'node:fs';

export interface ScenarioResult {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

export interface SuiteReport {
  vscodeVersion: string;
  totalMs: number;
  scenarios: ScenarioResult[];
}

export type Scenario = { name: string; run: () => Promise<void> };

/** Runs the scenarios in order (later ones may rely on state earlier ones leave, e.g. an open editor). */
export async function runScenarios(
  scenarios: readonly Scenario[],
  vscodeVersion: string,
  afterEach: () => Promise<void> = async () => undefined,
): Promise<SuiteReport> {
  const started = Date.now();
  const results: ScenarioResult[] = [];
  const only = process.env.OPENEDX_E2E_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const scenario of scenarios) {
    if (only && !only.some((o) => scenario.name.includes(o))) continue;
    const t0 = Date.now();
    console.log(`▶ ${scenario.name}`);
    try {
      await scenario.run();
      results.push({ name: scenario.name, ok: true, durationMs: Date.now() - t0 });
      console.log(`✔ ${scenario.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: scenario.name, ok: false, durationMs: Date.now() - t0, error: message });
      console.error(`✖ ${scenario.name} (${Date.now() - t0} ms)\n${message}`);
    }
    try {
      await afterEach();
    } catch (error) {
      console.error(`cleaning up after ${scenario.name} failed: ${String(error)}`);
    }
  }
  const report: SuiteReport = { vscodeVersion, totalMs: Date.now() - started, scenarios: results };
  const out = process.env.OPENEDX_E2E_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  return report;
}
