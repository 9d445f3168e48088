/**
 * The engine behind `openedx-config check`: the language server's registry and language service,
 * run over files on disk. Association works as in the editor (modeline, folder, file name; an
 * explicit IDA overrides them); live schemas come from settings sources found by walking up from
 * each file; otherwise the shipped schemas apply. Used in-process by the corpus tests.
 */
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { readRegularFile } from '../common/files';
import { fail, type Result } from '../common/result';
import type { Environment, LibrariesInfo, SchemaSourceKind } from '../protocol/types';
import { canonicalIda } from '../registry/idaAliases';
import type { EnvironmentSupport } from '../registry/environmentLibraries';
import { SchemaRegistry } from '../registry/registry';
import { DEFAULT_SETTINGS, type OpenedxConfigSettings } from '../registry/settings';
import type { IdaSchema } from '../schema/format';
import { loadSchemaFile, MISSING_FACTS } from '../schema/load';
import { createLanguageService } from '../service';
import type { LanguageService, ValidationSettings } from '../service/types';
import { validationSettings } from '../service/validationSettings';
import { decodeUtf8, parseFromScratch, type DecodedText } from '../yaml';
import { MAX_PARSED_DOCUMENT_LENGTH } from '../yaml/limits';
import { fileUri } from '../common/uris';

/** What one file's check found. */
export interface FileReport {
  /** The file as named by the caller. */
  file: string;
  /** The IDA it was checked against; absent when it was skipped. */
  ida?: string;
  /** Why that IDA (`option`, `schema file`, or an association reason). */
  reason?: string;
  source?: SchemaSourceKind;
  revision?: string;
  /** Where the file runs (modeline, association, name and folder); absent when it was skipped. */
  environment?: Environment;
  diagnostics: Diagnostic[];
  /** The language service's quick fixes for `diagnostics` (each names its diagnostics), with the `fixes` option. */
  fixes?: CodeAction[];
  /** Set when the file was not checked: not an IDA config file (no error), or no schema for its IDA. */
  skipped?: string;
  /** Set when the file could not be read (an IO error). */
  error?: string;
}

/** Options of a check run. */
export interface CheckOptions {
  /** Check every file against this IDA (overrides association). */
  ida?: string;
  /** Check every file against this schema document (its IDA unless `ida` is given). */
  schema?: IdaSchema;
  /** Registry settings (rules and known keys apply to validation too). Default: the defaults. */
  settings?: OpenedxConfigSettings;
  /** The shipped schemas folder: undefined → located from the bundle; null → none. */
  shippedDir?: string | null;
  /** Where registry problems go (names only). */
  log?: (message: string) => void;
  /** Also compute the editor's quick fixes (SARIF `fixes`). */
  fixes?: boolean;
  /** Python environments (`--python-env`): how the registry finds and scans the one `settings.pythonEnvironment` names. */
  environments?: EnvironmentSupport;
}

/**
 * Largest config file `check` reads: sixteen times the size past which a document is no longer
 * parsed (those still get their line checks and a `file-too-large` diagnostic, in about a second
 * at this size). Past it the file is not read at all: an error says so.
 */
export const MAX_CHECKED_FILE_BYTES = 16 * MAX_PARSED_DOCUMENT_LENGTH;

/** A reusable checker: one registry and one language service for many files. */
export class Checker {
  private readonly registry: SchemaRegistry;
  private readonly service: LanguageService;
  private readonly validation: ValidationSettings;

  constructor(private readonly options: CheckOptions = {}) {
    const settings = options.settings ?? DEFAULT_SETTINGS;
    this.registry = new SchemaRegistry({ shippedDir: options.shippedDir, log: options.log, ...(options.environments !== undefined ? { environments: options.environments } : {}) });
    this.registry.configure(settings, []);
    this.service = createLanguageService();
    this.validation = validationSettings(settings).validation;
  }

  /**
   * Reads and checks one file. Never throws: IO problems are reported in `error`, and so is a
   * path that is not a regular file (a FIFO, a device) or one over {@link MAX_CHECKED_FILE_BYTES}.
   */
  async checkFile(file: string): Promise<FileReport> {
    const read = readRegularFile(path.resolve(file), MAX_CHECKED_FILE_BYTES);
    if (!read.ok) return { file, diagnostics: [], error: `cannot read: ${read.error}` };
    return this.checkBytes(file, read.value);
  }

  /** Checks bytes (a file's, or standard input's) as the content of `file`, decoded as {@link checkFile} does. */
  async checkBytes(file: string, bytes: Uint8Array): Promise<FileReport> {
    // Strictly, as PyYAML reads it: invalid UTF-8 is reported where it is, not silently replaced.
    const { text, decoded } = decodeUtf8(bytes);
    return this.checkText(file, text, undefined, decoded);
  }

  /**
   * Checks a text as if it were the content of `file` (seeded copies in tests, stdin).
   * @param ida overrides the IDA for this file (else the run's `ida`, else association).
   * @param decoded what is known of the bytes `text` was decoded from (see `ModelOptions.decoded`).
   */
  async checkText(file: string, text: string, ida?: string, decoded?: DecodedText): Promise<FileReport> {
    const abs = path.resolve(file);
    const uri = fileUri(abs);
    const target = await this.target(uri, text, ida ?? this.options.ida);
    if ('skipped' in target) return { file, diagnostics: [], ...(target.ida !== undefined ? { ida: target.ida } : {}), skipped: target.skipped };
    const model = parseFromScratch(text, decoded === undefined ? { uri } : { uri, decoded });
    const diagnostics = [...this.service.validate(model, target.schema, { ...this.validation, environment: target.environment })].sort(byPosition);
    const report: FileReport = { file, ida: target.ida, reason: target.reason, source: target.source, revision: target.revision, environment: target.environment, diagnostics };
    if (this.options.fixes === true && diagnostics.length > 0) {
      // The editor's own quick fixes, asked for the whole document as a client would for its problems.
      report.fixes = this.service.codeActions(model, { start: { line: 0, character: 0 }, end: model.lines.positionAt(text.length) }, diagnostics, target.schema);
    }
    return report;
  }

  /** Waits for the scan of the Python environment, if one was given, and tells how it ended. */
  environmentScanned(): Promise<LibrariesInfo | undefined> {
    return this.registry.environmentScanned();
  }

  /** Stops the registry's timers. */
  dispose(): void {
    this.registry.dispose();
  }

  private async target(
    uri: string,
    text: string,
    ida: string | undefined,
  ): Promise<{ ida: string; reason: string; schema: IdaSchema; source: SchemaSourceKind; revision: string; environment: Environment } | { ida?: string; skipped: string }> {
    if (this.options.schema !== undefined) {
      const environment = this.registry.environment(uri, text);
      return { ida: canonicalIda(ida ?? this.options.schema['x-openedx-schema'].ida), reason: 'schema file', schema: this.options.schema, source: 'user', revision: 'schema file', environment };
    }
    const resolved = await this.registry.resolveDocument(uri, text, ida !== undefined ? { ida, reason: 'option' } : undefined);
    if (resolved === undefined) return { skipped: 'not an Open edX config file (no IDA by modeline, folder or file name); use --ida NAME' };
    const { association, schema, info, environment } = resolved;
    if (schema === undefined || info.source === undefined || info.revision === undefined) return { ida: association.ida, skipped: `no schema is known for IDA "${association.ida}"` };
    return { ida: association.ida, reason: association.reason, schema, source: info.source, revision: info.revision, environment };
  }
}

/**
 * Loads a `--schema` file (relative to the working directory); a failure names the file and the
 * problem. A plain draft-07 schema (no `x-openedx-schema`) stands for `ida` (`--ida`), and needs it.
 */
export function loadCheckSchema(file: string, ida?: string): Result<IdaSchema> {
  const loaded = loadSchemaFile(path.resolve(file), ida !== undefined ? { ida } : {});
  if (!loaded.ok && ida === undefined && loaded.error.endsWith(MISSING_FACTS)) return fail(`${loaded.error}; a plain draft-07 schema needs --ida NAME`);
  return loaded;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

