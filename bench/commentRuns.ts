/**
 * The `comments` case of the benchmark: extraction of settings modules whose long comment runs
 * made tree-sitter-python crawl (issue 15, item 4): 3,000 comment lines after a setting, and
 * 1,000 annotation blocks with blank lines between them. Extracted in this process, each run
 * from a fresh parse cache; for comparison, tree-sitter's own whole parse of the same module is
 * timed once (what extraction cost before `server/src/python/commentRuns.ts`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectIdas } from '../server/src/extractor/detect';
import { extractIda } from '../server/src/extractor/extract';
import { getPythonParser } from '../server/src/python/parser';
import { summarize, type Summary } from './stats';

/** One shape of the case. */
interface Shape {
  metric: string;
  module: string;
  /** Settings the extraction must find (a wrong answer fails the run). */
  settings: number;
}

function commentLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `# Line ${i} of a long explanation, kept.`).join('\n');
}

const SHAPES: Shape[] = [
  { metric: 'extraction of a module with 3,000 comment lines after a setting', module: `FIRST = 1\n${commentLines(3000)}\nAFTER = 2\n`, settings: 2 },
  {
    metric: 'extraction of a module with 1,000 annotation blocks, blank lines between',
    module: `X = 1\n${Array.from({ length: 1000 }, (_, i) => `# .. setting_name: UNDEFINED_${i}\n# .. setting_default: ${i}\n# .. setting_description: Setting ${i}.`).join('\n\n')}\n`,
    settings: 1,
  },
];

/** A measured shape: our extraction's times, and tree-sitter's whole parse of the module (once). */
export interface CommentRunsResult {
  metric: string;
  ours: Summary;
  wholeParseMs: number;
}

/** Writes the settings package `benchida` holding `module` as its base settings. */
function writePackage(root: string, module: string): void {
  const dir = path.join(root, 'benchida', 'settings');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(root, 'benchida', '__init__.py'), '');
  fs.writeFileSync(path.join(dir, '__init__.py'), '');
  fs.writeFileSync(path.join(dir, 'base.py'), module);
  fs.writeFileSync(
    path.join(dir, 'production.py'),
    "import os\nimport yaml\nfrom benchida.settings.base import *\nwith open(os.environ['BENCHIDA_CFG']) as f:\n    vars().update(yaml.safe_load(f))\n",
  );
}

/** Measures each shape `warmup + runs` times; throws when an extraction's answer is wrong. */
export async function measureCommentRuns(warmup: number, runs: number): Promise<CommentRunsResult[]> {
  const results: CommentRunsResult[] = [];
  const parser = await getPythonParser();
  for (const shape of SHAPES) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-bench-comments-'));
    try {
      writePackage(root, shape.module);
      const ida = detectIdas(root).find((d) => d.ida === 'benchida');
      if (ida === undefined) throw new Error('bench: the generated package is not detected as an IDA');
      const times: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        const { catalog } = await extractIda(ida);
        const t = performance.now() - t0;
        const found = catalog.settings.filter((s) => s.path.length === 1).length;
        if (found !== shape.settings) throw new Error(`bench comments: ${shape.metric} found ${found} settings, not ${shape.settings}`);
        if (i >= warmup) times.push(t);
      }
      const t0 = performance.now();
      parser.parse(shape.module)?.delete();
      results.push({ metric: shape.metric, ours: summarize(times), wholeParseMs: performance.now() - t0 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return results;
}
