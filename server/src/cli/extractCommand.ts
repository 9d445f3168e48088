/**
 * `openedx-config extract <folder>`: prints or writes the schema extracted from a folder's
 * settings sources, then a summary on stderr.
 */
import { canonicalIda } from '../registry/idaAliases';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import { detectIdas } from '../extractor/detect';
import { extractIda } from '../extractor/extract';
import { getPythonParser } from '../python/parser';
import { buildSchema } from '../schema/build';
import { parseArgs, UsageError } from './args';

/** Usage text of the extract command. */
export const EXTRACT_USAGE = 'usage: openedx-config extract <folder> [--ida NAME] [--out FILE] [--facts-only] [--format json|text]';

/** Where the command writes; injectable for tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, read to its end (`check -`); the process's own when absent. */
  readStdin?: () => Promise<Uint8Array>;
}

/** Counts for the summary line. */
export function summarize(catalog: Catalog): Record<string, number> {
  const top = catalog.settings.filter((s) => s.path.length === 1);
  return {
    settings: top.length,
    nested: catalog.settings.length - top.length,
    documented: top.filter((s) => s.doc).length,
    typed: top.filter((s) => s.type.kind === 'json').length,
    computed: top.filter((s) => s.type.kind === 'computed').length,
    required: top.filter((s) => s.required).length,
    problems: catalog.problems.length,
  };
}

function textReport(catalog: Catalog): string {
  const lines = [`# ${catalog.ida} (${catalog.layout}) from ${catalog.root}`];
  for (const s of catalog.settings) {
    const type = s.type.kind === 'json' ? s.type.types.join('|') + (s.type.nullable ? '|null' : '') : s.type.kind;
    const flags = [s.required ? 'required' : '', ...s.roles.map((r) => r.kind)].filter(Boolean).join(',');
    lines.push(`${s.path.join('.')}\t${type}\t${s.origin.file}:${s.origin.line}${flags ? `\t${flags}` : ''}`);
  }
  for (const p of catalog.problems) lines.push(`! ${p.file}:${p.line}:${p.column + 1} ${p.code} ${p.message}`);
  return lines.join('\n') + '\n';
}

/** Runs the extract command; returns the exit code. */
export async function runExtract(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, {
    ida: { value: true },
    out: { value: true },
    'facts-only': { value: false },
    format: { value: true, choices: ['json', 'text'] },
  });
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'missing <folder>' : `one folder expected, got ${args.positionals.length}`);
  const folder = path.resolve(args.positionals[0]);
  let isDir = false;
  try {
    isDir = fs.statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    io.stderr(`openedx-config: cannot read folder ${folder}\n`);
    return 2;
  }
  const found = detectIdas(folder);
  const idaName = args.flags.get('ida');
  const chosen = typeof idaName === 'string' ? found.find((d) => d.ida === canonicalIda(idaName)) : found[0];
  if (!chosen) {
    const what = found.length ? `no IDA "${String(idaName)}" there; found: ${found.map((d) => d.ida).join(', ')}` : 'no Open edX settings sources found there';
    io.stderr(`openedx-config: ${folder}: ${what}\n`);
    return 2;
  }
  const loadStart = performance.now();
  await getPythonParser();
  const loadMs = performance.now() - loadStart;
  const result = await extractIda(chosen);
  const format = args.flags.get('format') ?? 'json';
  const output = format === 'text'
    ? textReport(result.catalog)
    : JSON.stringify(buildSchema(result.catalog, { factsOnly: args.flags.has('facts-only') }), null, 2) + '\n';
  const out = args.flags.get('out');
  if (typeof out === 'string') {
    try {
      fs.writeFileSync(out, output);
    } catch (e) {
      io.stderr(`openedx-config: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
  } else {
    io.stdout(output);
  }
  const counts = summarize(result.catalog);
  const found2 = found.length > 1 ? ` (also here: ${found.filter((d) => d !== chosen).map((d) => d.ida).join(', ')})` : '';
  io.stderr(
    `${chosen.ida} (${chosen.layout}): ${counts.settings} settings, ${counts.nested} nested keys, ${counts.documented} documented, ` +
      `${counts.typed} typed, ${counts.computed} computed, ${counts.required} required, ${counts.problems} problems; ` +
      `extracted in ${result.millis.toFixed(1)} ms (+${loadMs.toFixed(1)} ms loading the Python grammar)${found2}\n`,
  );
  return 0;
}
