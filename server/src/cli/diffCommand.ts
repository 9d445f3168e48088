/**
 * `openedx-config diff --ida NAME FROM TO`: what changed in an IDA's settings between two sources
 * (`releases/settingsDiff.ts`), as Markdown or JSON. Each side is a folder of settings sources
 * (extracted statically, like `extract`), a schema file (`extract`'s output, an exported schema),
 * or `shipped` (the schema shipped with this version). Exit code 0 with a report, 2 on usage or
 * IO errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IdaSchema } from '../schema/format';
import { buildSchema } from '../schema/build';
import { loadSchemaFile } from '../schema/load';
import { detectIdas } from '../extractor/detect';
import { extractIda } from '../extractor/extract';
import { canonicalIda } from '../registry/idaAliases';
import { locateShippedSchemas, ShippedSchemas } from '../registry/shipped';
import { fail, ok, type Result } from '../common/result';
import { diffMarkdown } from '../releases/diffReport';
import { diffSettings } from '../releases/settingsDiff';
import { parseArgs, UsageError } from './args';
import type { CliIO } from './extractCommand';
import { jsonTerminalSafe, terminalSafe } from './terminalText';

/** Usage text of the diff command. */
export const DIFF_USAGE = 'usage: openedx-config diff [--ida NAME] [--format markdown|json] FROM TO    (each a folder of settings sources, a schema file, or `shipped`)';

/** One side of the comparison, read. */
interface Side {
  schema: IdaSchema;
  label: string;
}

/** The schema of one side: `shipped`, a folder (extracted), or a schema file. */
async function readSide(given: string, ida: string | undefined): Promise<Result<Side>> {
  if (given === 'shipped') {
    if (ida === undefined) return fail('`shipped` needs --ida');
    const shipped = new ShippedSchemas(locateShippedSchemas()).get(ida);
    if (shipped === undefined) return fail(`no shipped schema for IDA "${ida}"`);
    if (!shipped.ok) return fail(shipped.error);
    return ok({ schema: shipped.value.schema, label: `shipped ${shipped.value.revision}` });
  }
  const abs = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    return fail(`cannot read ${given}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (stat.isDirectory()) {
    const found = detectIdas(abs);
    const chosen = ida !== undefined ? found.find((d) => d.ida === ida) : found.length === 1 ? found[0] : undefined;
    if (chosen === undefined) {
      if (found.length === 0) return fail(`${given}: no Open edX settings sources found there`);
      return fail(ida === undefined ? `${given}: several IDAs here (${found.map((d) => d.ida).join(', ')}); name one with --ida` : `${given}: no IDA "${ida}" there; found: ${found.map((d) => d.ida).join(', ')}`);
    }
    const result = await extractIda(chosen);
    return ok({ schema: buildSchema(result.catalog, { factsOnly: false }), label: given });
  }
  const loaded = loadSchemaFile(abs, ida !== undefined ? { ida } : {});
  return loaded.ok ? ok({ schema: loaded.value, label: given }) : fail(loaded.error);
}

/** Runs `diff`; resolves to the exit code. */
export async function runDiff(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { ida: { value: true }, format: { value: true, choices: ['markdown', 'json'] } });
  if (args.positionals.length !== 2) throw new UsageError(`two sides expected (FROM TO), got ${args.positionals.length}`);
  const idaFlag = args.flags.get('ida');
  const ida = typeof idaFlag === 'string' ? canonicalIda(idaFlag) : undefined;
  const sides: Side[] = [];
  for (const given of args.positionals) {
    const side = await readSide(given, ida);
    if (!side.ok) {
      io.stderr(`openedx-config: ${terminalSafe(side.error)}\n`);
      return 2;
    }
    sides.push(side.value);
  }
  const [from, to] = sides;
  const idaFrom = from.schema['x-openedx-schema']?.ida;
  const idaTo = to.schema['x-openedx-schema']?.ida;
  if (idaFrom !== idaTo) {
    io.stderr(`openedx-config: the two sides are schemas of different IDAs (${terminalSafe(String(idaFrom))}, ${terminalSafe(String(idaTo))})\n`);
    return 2;
  }
  const diff = diffSettings(from.schema, to.schema, { from: from.label, to: to.label });
  // Names and files come from the sources: no control character reaches the terminal (line by line, keeping the breaks).
  io.stdout(args.flags.get('format') === 'json' ? `${jsonTerminalSafe(JSON.stringify(diff, null, 2))}\n` : diffMarkdown(diff).split('\n').map(terminalSafe).join('\n'));
  return 0;
}
