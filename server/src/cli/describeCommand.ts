/**
 * `openedx-config describe NAME... [--ida NAME] [--format text|json|markdown] [--cache DIR]
 * [--schemas DIR] [--sources DIR]`: what the hover says of settings, on the command line.
 *
 * The schema is the registry's, as in the editor: live sources when `--sources` names the IDA's
 * checkout, else the shipped schema with its downloaded documentation when the cache holds it
 * (`docs fetch`), else the shipped facts. Exit code: 1 when a name is unknown, 2 on usage errors
 * or when no schema is known for the IDA, 0 otherwise.
 */
import { canonicalIda } from '../registry/idaAliases';
import * as path from 'node:path';
import { SchemaRegistry, type ResolvedSchema } from '../registry/registry';
import { DEFAULT_SETTINGS, defaultDocumentationCache, type OpenedxConfigSettings } from '../registry/settings';
import { flagValue, parseArgs, UsageError } from './args';
import { formatJson, formatMarkdown, formatText } from './describeFormat';
import type { CliIO } from './extractCommand';
import { describeSetting, type DescribeSource } from './settingDescription';
import { terminalSafe } from './terminalText';

/** Usage text of the describe command. */
export const DESCRIBE_USAGE = 'usage: openedx-config describe NAME... [--ida NAME] [--format text|json|markdown] [--cache DIR] [--schemas DIR] [--sources DIR]';

/** The IDA described when none is named: the one most config files are for. */
const DEFAULT_IDA = 'lms';

/** Runs the describe command; resolves to the exit code. */
export async function runDescribe(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, {
    ida: { value: true },
    format: { value: true, choices: ['text', 'json', 'markdown'] },
    cache: { value: true },
    schemas: { value: true },
    sources: { value: true },
  });
  if (args.positionals.length === 0) throw new UsageError('no setting NAME given');
  const ida = canonicalIda(flagValue(args, 'ida') ?? DEFAULT_IDA);
  const sources = flagValue(args, 'sources');
  const schemas = flagValue(args, 'schemas');
  const problems: string[] = [];
  const registry = new SchemaRegistry({ ...(schemas !== undefined ? { shippedDir: path.resolve(schemas) } : {}), log: (m) => problems.push(m) });
  let resolved: ResolvedSchema | undefined;
  let fetchable: boolean;
  try {
    registry.configure(settingsFor(ida, flagValue(args, 'cache'), sources), []);
    resolved = await registry.schemaFor(ida);
    fetchable = registry.documentationFiles(ida) !== undefined;
  } finally {
    registry.dispose();
  }
  // What the registry could not use (a broken cached download, sources without the IDA) is said, not hidden.
  for (const problem of problems) io.stderr(`openedx-config: warning: ${terminalSafe(problem)}\n`);
  if (resolved === undefined) {
    io.stderr(`openedx-config: ${terminalSafe(`no schema is known for IDA "${ida}"`)}\n`);
    return 2;
  }
  if (sources !== undefined && resolved.source !== 'live') {
    io.stderr(`openedx-config: warning: ${terminalSafe(`no ${ida} settings were read from ${sources}; describing the ${resolved.source} schema`)}\n`);
  }
  const source = describeSource(resolved);
  const described = args.positionals.map((name) => describeSetting(name, ida, resolved.schema, source));
  const format = flagValue(args, 'format') ?? 'text';
  if (format === 'json') io.stdout(formatJson(described));
  else if (format === 'markdown') io.stdout(formatMarkdown(described));
  else io.stdout(formatText(described, { revision: resolved.revision, ...(fetchable ? { fetchCommand: `openedx-config docs fetch --ida ${ida}` } : {}) }));
  return described.every((d) => d.json.known) ? 0 : 1;
}


/** The registry's settings: the defaults, the cache folder, and the IDA's live sources when named. */
function settingsFor(ida: string, cache: string | undefined, sources: string | undefined): OpenedxConfigSettings {
  return {
    ...DEFAULT_SETTINGS,
    documentationCache: path.resolve(cache ?? defaultDocumentationCache()),
    sources: sources === undefined ? {} : { [ida]: path.resolve(sources) },
  };
}

/**
 * Which source the schema's descriptions come from. A shipped schema that carries its downloaded
 * documentation is no longer facts-only (`schema/documentationLayer.ts`): that is what tells it
 * from one whose download could not be read, which the registry answers with the plain schema.
 */
function describeSource(resolved: ResolvedSchema): DescribeSource {
  if (resolved.source !== 'shipped') return resolved.source;
  return resolved.schema['x-openedx-schema'].factsOnly ? 'shipped' : 'documentation';
}
