/**
 * Child process of the extractor's pathological tests, so that each input is measured on a fresh
 * process: `node extractWorker.js <folder> <ida> [NAME…]` detects the IDA in the folder, extracts
 * it, and prints one JSON {@link WorkerReport} on stdout.
 */
import { detectIdas } from '../../server/src/extractor/detect';
import { extractIda } from '../../server/src/extractor/extract';
import type { ExtractionProblem, Setting } from '../../server/src/catalog/types';
import { peakRssMb } from './bounds';

/** One setting, as much of it as the tests look at. */
export interface SettingReport {
  types: Setting['type'];
  origin: string;
  defaultText?: string;
  /** Length of the JSON of the default, when there is one (a 4 MB default is not printed). */
  defaultLength?: number;
  /** The documentation's description, when there is one. */
  description?: string;
}

/** What the worker prints. */
export interface WorkerReport {
  /** Wall time of detection and extraction (wasm start-up included). */
  millis: number;
  /** Peak resident set size of the worker. */
  peakMb: number;
  problems: ExtractionProblem[];
  files: string[];
  settingCount: number;
  /** The settings named on the command line (absent ones are left out). */
  settings: Record<string, SettingReport>;
}

async function main(): Promise<void> {
  const [folder, ida, ...names] = process.argv.slice(2);
  const started = performance.now();
  const detected = detectIdas(folder).find((d) => d.ida === ida);
  if (detected === undefined) throw new Error(`no ${ida} in ${folder}`);
  const { catalog } = await extractIda(detected);
  const millis = performance.now() - started;
  const settings: Record<string, SettingReport> = {};
  for (const s of catalog.settings) {
    if (!names.includes(s.name) || s.path.length !== 1) continue;
    settings[s.name] = {
      types: s.type,
      origin: `${s.origin.file}:${s.origin.line}:${s.origin.column}`,
      ...(s.defaultText !== undefined ? { defaultText: s.defaultText } : {}),
      ...('default' in s ? { defaultLength: JSON.stringify(s.default).length } : {}),
      ...(s.doc !== undefined ? { description: s.doc.description } : {}),
    };
  }
  const report: WorkerReport = { millis, peakMb: peakRssMb(process.pid), problems: catalog.problems, files: catalog.files, settingCount: catalog.settings.length, settings };
  process.stdout.write(JSON.stringify(report));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
