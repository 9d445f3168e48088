/**
 * Extraction of one IDA's settings catalog from its sources: read the entry modules in
 * import order, analyse the YAML loading, attach annotations, mark required settings.
 */
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import type { DetectedIda, ExtractOptions } from './api';
import { attachAnnotations, type AttachStats, type FoundBlock } from './attachAnnotations';
import { CatalogBuilder } from './catalogBuilder';
import { SettingsInterpreter } from './interpreter';
import { fileSystemReader, type SourceReader } from './sourceReader';
import { YamlLoadingAnalysis } from './yamlLoading';
import { getPythonParser } from '../python/parser';
import { DEFAULT_PARSE_CACHE_LIMITS, ParseCache } from '../python/parseCache';
import type { Parser } from 'web-tree-sitter';
import { detectIdas } from './detect';
import { sourcePluginHost } from './plugins/discovery';

/** The distribution an openedx-platform checkout is (`SettingReader.package` of its own plugin apps). */
export const PLATFORM_PACKAGE = 'openedx-platform';

/** A catalog and how extraction went. */
export interface ExtractionResult {
  catalog: Catalog;
  annotations: AttachStats;
  /** Milliseconds spent, parsing included. */
  millis: number;
}

/** Reason given for every setting of an OEP-45 `required.py`. */
export const REQUIRED_MODULE_REASON = 'defined in the settings package\'s required.py: it has no production-ready default';

/**
 * Extracts the catalog of one detected IDA.
 * @param reader overrides the file system (tests, unsaved buffers).
 */
export async function extractIda(ida: DetectedIda, options: ExtractOptions = {}, reader?: SourceReader): Promise<ExtractionResult> {
  const started = performance.now();
  const parser = await getPythonParser();
  // Without a cache of the caller's, one for this extraction that keeps nothing: the modules are
  // read through tree-sitter's nodes and their trees deleted at the end.
  const cache = options.cache?.parses ?? new ParseCache({ ...DEFAULT_PARSE_CACHE_LIMITS, maxFiles: 0 });
  try {
    return extractWith(ida, options, parser, cache, reader, started);
  } finally {
    if (options.cache === undefined) cache.clear();
    else cache.release();
  }
}

/** {@link extractIda} once the parser is loaded; `cache` parses the modules. */
function extractWith(ida: DetectedIda, options: ExtractOptions, parser: Parser, cache: ParseCache, reader: SourceReader | undefined, started: number): ExtractionResult {
  const abs = (rel: string): string => path.resolve(ida.root, rel);
  const src = reader ?? fileSystemReader(ida.root, options.maxFileBytes, options.overlay, undefined, options.cache?.reads);
  const builder = new CatalogBuilder(ida.ida, ida.layout, ida.root);
  const commentBlocks: FoundBlock[] = [];
  const interp: SettingsInterpreter = new SettingsInterpreter({
    parser,
    parse: (file, text) => cache.parse(parser, abs(file), text),
    reader: src,
    builder,
    annotationSink: (file, block, annotations) => commentBlocks.push({ file, block, cache: annotations }),
    ...(options.cache !== undefined ? { snapshots: { store: options.cache.snapshots, source: sourceIdentity(ida) } } : {}),
    // The platform's own plugin apps, found from its packaging where its settings call add_plugins.
    ...(ida.layout === 'platform' ? { plugins: sourcePluginHost(PLATFORM_PACKAGE) } : {}),
  });
  const analysis = ida.yamlModule ? new YamlLoadingAnalysis(builder, (n) => interp.evaluate(n), () => interp.featuresProxy) : undefined;
  interp.setObserver(analysis);

  for (const file of ida.entryFiles) {
    const requiredModule = ida.layout === 'oep45' && /(^|\/)required\.py$/.test(file);
    const before = requiredModule ? new Set(builder.names()) : undefined;
    interp.runFile(file, file === ida.yamlModule);
    if (before !== undefined) {
      for (const name of builder.names()) if (!before.has(name)) builder.require(name, { source: 'required-module', reason: REQUIRED_MODULE_REASON });
    }
  }
  analysis?.finish();
  if (ida.yamlModule && analysis && !analysis.foundLoad) {
    builder.problem({ code: 'layout-unknown', message: `${ida.yamlModule} does not load a YAML file with yaml.safe_load; YAML roles are unknown`, file: ida.yamlModule, line: 1, column: 0 });
  }
  const annotations = attachAnnotations(builder, commentBlocks, interp.sites, interp.featuresProxy);
  return { catalog: builder.build(), annotations, millis: performance.now() - started };
}

/** What a module's snapshot is kept for: the IDA's sources (the same module may be read under several IDAs). */
function sourceIdentity(ida: DetectedIda): string {
  return JSON.stringify([ida.ida, ida.layout, ida.root, ida.entryFiles, ida.yamlModule ?? null]);
}

/**
 * Detects the IDAs in a folder and extracts one of them.
 * @param idaName which IDA when the folder holds several (openedx-platform holds `lms` and `studio`); the first otherwise.
 * @returns undefined when the folder has no settings sources (or none for that IDA).
 */
export async function extractFolder(folder: string, idaName?: string, options: ExtractOptions = {}): Promise<ExtractionResult | undefined> {
  const found = detectIdas(folder);
  const chosen = idaName ? found.find((d) => d.ida === idaName) : found[0];
  return chosen ? extractIda(chosen, options) : undefined;
}
