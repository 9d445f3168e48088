/**
 * `openedx-config docs fetch [--ida NAME[,NAME…]] [--base-url URL] [--cache DIR] [--schemas DIR]`:
 * downloads the documentation of shipped schemas (the source files they pin, each verified by
 * its SHA-256) into the cache the editor and `describe` read (docs/documentation.md).
 *
 * Progress goes to stderr, one line per IDA: `lms: 3 files, 277,254 bytes … 3 downloaded,
 * 0 already cached`. Exit code: 0 when every download succeeded, 1 when one failed, 2 on usage
 * errors, 130 when cancelled (Ctrl-C).
 */
import { canonicalIda } from '../registry/idaAliases';
import * as path from 'node:path';
import { formatBytes } from '../common/files';
import { downloadFiles, DEFAULT_BASE_URL, type PinnedFile } from '../documentation/download';
import { proxyFromEnv } from '../documentation/fetch';
import { documentationFiles } from '../registry/documentedSchemas';
import { defaultDocumentationCache } from '../registry/settings';
import { locateShippedSchemas, ShippedSchemas } from '../registry/shipped';
import { flagValue, parseArgs, UsageError } from './args';
import type { CliIO } from './extractCommand';
import { withInterrupt } from './interrupt';
import { terminalSafe } from './terminalText';

/** Usage text of the docs command. */
export const DOCS_USAGE = 'usage: openedx-config docs fetch [--ida NAME[,NAME...]] [--base-url URL] [--cache DIR] [--schemas DIR]';

/** Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
export const CANCELLED_EXIT_CODE = 130;

/** One shipped schema to fetch the documentation of: its files, or why it cannot be read. */
type Target = { ida: string; files: PinnedFile[] } | { ida: string; error: string };

/** Runs `docs <subcommand>`; resolves to the exit code. */
export async function runDocs(argv: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'fetch') throw new UsageError(sub === undefined ? 'docs needs a subcommand: fetch' : `unknown docs subcommand "${sub}"`);
  const args = parseArgs(rest, { ida: { value: true }, 'base-url': { value: true }, cache: { value: true }, schemas: { value: true } });
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const baseUrl = flagValue(args, 'base-url') ?? DEFAULT_BASE_URL;
  checkBaseUrl(baseUrl);
  const schemasFlag = flagValue(args, 'schemas');
  const shippedDir = schemasFlag !== undefined ? path.resolve(schemasFlag) : locateShippedSchemas();
  if (shippedDir === undefined) throw new UsageError('no shipped schemas folder was found; name one with --schemas DIR');
  const cacheFlag = flagValue(args, 'cache');
  const cacheDir = path.resolve(cacheFlag ?? defaultDocumentationCache());
  const targets = selectTargets(new ShippedSchemas(shippedDir), flagValue(args, 'ida'));
  // The proxy of the environment (HTTPS_PROXY, NO_PROXY, …), as curl and git would use it.
  const proxy = proxyFromEnv(baseUrl);
  return withInterrupt(async (signal) => {
    let failed = false;
    for (const target of targets) {
      if (signal.aborted) {
        io.stderr('openedx-config: cancelled\n');
        return CANCELLED_EXIT_CODE;
      }
      if ('error' in target) {
        io.stderr(`openedx-config: ${terminalSafe(`${target.ida}: ${target.error}`)}\n`);
        failed = true;
        continue;
      }
      const bytes = target.files.reduce((sum, f) => sum + f.bytes, 0);
      io.stderr(`${target.ida}: ${target.files.length} ${target.files.length === 1 ? 'file' : 'files'}, ${formatBytes(bytes)} … `);
      const result = await downloadFiles(target.files, { baseUrl, cacheDir, signal, ...(proxy !== undefined ? { proxy } : {}) });
      if (result.ok) {
        io.stderr(`${result.value.downloaded} downloaded, ${result.value.alreadyCached} already cached\n`);
      } else if (result.code === 'cancelled') {
        io.stderr('cancelled\n');
        return CANCELLED_EXIT_CODE;
      } else {
        // The line above ends, and the failure gets its own line naming the IDA.
        io.stderr('failed\n');
        io.stderr(`openedx-config: ${terminalSafe(`${target.ida}: ${result.error}`)}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  });
}


/** A mirror must be an http(s) URL: anything else would fail on every file, later and less clearly. */
function checkBaseUrl(baseUrl: string): void {
  let protocol: string;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    throw new UsageError(`--base-url must be an http or https URL (got "${terminalSafe(baseUrl)}")`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`--base-url must be an http or https URL (got "${terminalSafe(baseUrl)}")`);
}

/**
 * The schemas to fetch: those named (each must be shipped and pin files), else every shipped
 * schema that pins files. A schema that does not load is a target with its error: the others
 * are still fetched.
 */
function selectTargets(shipped: ShippedSchemas, idaList: string | undefined): Target[] {
  const named = idaList?.split(',').map((s) => s.trim()).filter((s) => s !== '').map(canonicalIda);
  if (named !== undefined && named.length === 0) throw new UsageError('--ida needs at least one IDA name');
  const idas = named ?? shipped.idas();
  const unknown = idas.filter((ida) => !shipped.has(ida));
  if (unknown.length > 0) {
    throw new UsageError(`no shipped schema is named "${unknown[0]}" (shipped: ${shipped.idas().join(', ') || 'none'})`);
  }
  const targets: Target[] = [];
  for (const ida of idas) {
    const loaded = shipped.get(ida);
    if (loaded === undefined) continue;
    if (!loaded.ok) {
      targets.push({ ida, error: `the shipped schema does not load: ${loaded.error}` });
      continue;
    }
    const files = documentationFiles(loaded.value.schema);
    if (files.length > 0) targets.push({ ida, files });
    else if (named !== undefined) throw new UsageError(`the shipped schema of ${ida} pins no source files: it has no documentation to download`);
  }
  if (targets.length === 0) throw new UsageError(`no shipped schema in ${shipped.dir ?? 'the schemas folder'} pins source files to download`);
  return targets;
}
