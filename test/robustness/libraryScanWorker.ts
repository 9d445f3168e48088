/**
 * Child process of the library scanner's robustness test, so that each environment is measured
 * on a fresh process: `node libraryScanWorker.js <site-packages> [NAME…]` scans the folder and
 * prints one JSON {@link LibraryScanReport} on stdout.
 */
import type { ExtractionProblem } from '../../server/src/catalog/types';
import { scanEnvironment, type ScanStats } from '../../server/src/libraries/scanEnvironment';
import { peakRssMb } from './bounds';

/** What the worker prints. */
export interface LibraryScanReport {
  /** Wall time of the scan (wasm start-up included). */
  millis: number;
  /** Peak resident set size of the worker. */
  peakMb: number;
  problems: ExtractionProblem[];
  /** Every setting's path, in catalog order. */
  settings: string[];
  stats: ScanStats;
}

async function main(): Promise<void> {
  const [folder] = process.argv.slice(2);
  const started = performance.now();
  const { catalog, stats } = await scanEnvironment(folder);
  const report: LibraryScanReport = { millis: performance.now() - started, peakMb: peakRssMb(process.pid), problems: catalog.problems, settings: catalog.settings.map((s) => s.path.join('.')), stats };
  process.stdout.write(JSON.stringify(report));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
