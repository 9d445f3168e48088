/**
 * The server's state between LSP and the language service: open documents, their IDA and schema
 * (from the registry), settings, and the last published problem counts. Each method serves one
 * LSP request or notification; `server.ts` only routes messages here.
 */
import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionList,
  CompletionParams,
  Diagnostic,
  DefinitionParams,
  DocumentSymbol,
  DocumentSymbolParams,
  Hover,
  HoverParams,
  Location,
} from 'vscode-languageserver';
import type { DocumentationFilesResult, DocumentSchemaInfo, ExportSchemaResult, IdaListing, ProblemCounts, ReextractResult } from '../protocol/types';
import type { FileChange, ResolvedDocument, SchemaRegistry } from '../registry/registry';
import { DEFAULT_SETTINGS, readSettings, type OpenedxConfigSettings } from '../registry/settings';
import type { IdaSchema } from '../schema/format';
import { countProblems } from '../service/documentInfo';
import type { LanguageService, ValidationSettings } from '../service/types';
import { validationSettings } from '../service/validationSettings';
import type { YamlModel } from '../yaml';
import type { ConfigDocument, ConfigDocuments } from './configDocument';
import { describeError } from '../common/describeError';
import type { Log } from './safe';
import { ValidationScheduler } from './validationScheduler';

/**
 * Diagnostics published per document, then one `too-many-problems` diagnostic counting the rest.
 * No one reads more, and a file broken on every line (100,000 unclosed `[`) published 200,000
 * diagnostics, 54 MB of JSON, on each keystroke.
 */
export const MAX_PROBLEMS_PER_DOCUMENT = 1000;

/** How the session talks back to the client. */
export interface SessionOutput {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version: number | undefined): void;
  documentSchema(info: DocumentSchemaInfo): void;
  log: Log;
}

/** A document ready for a feature: its model and its schema (undefined when none is known for its IDA). */
interface Context {
  doc: ConfigDocument;
  model: YamlModel;
  schema: IdaSchema | undefined;
}

/** The session. */
export class Session {
  private settings: OpenedxConfigSettings = DEFAULT_SETTINGS;
  private validation: ValidationSettings = { maxProblems: MAX_PROBLEMS_PER_DOCUMENT };
  private workspaceFolders: string[] = [];
  /** Last published counts (and whether anything was published) per document. */
  private readonly published = new Map<string, { counts: ProblemCounts; info: DocumentSchemaInfo }>();
  /** The schema of the last completion list, for completionItem/resolve (which names no document). */
  private lastCompletionSchema: IdaSchema | undefined;
  readonly scheduler: ValidationScheduler;

  constructor(
    private readonly documents: ConfigDocuments,
    private readonly registry: SchemaRegistry,
    private readonly service: LanguageService,
    private readonly out: SessionOutput,
  ) {
    this.scheduler = new ValidationScheduler(
      (uri, isStale) => this.validate(uri, isStale),
      // Not the error's message, which may quote the document (describeError's rule).
      (_uri, e) => out.log(`validation failed: ${describeError(e)}`),
    );
    registry.onDidChangeSchemas((idas) => this.revalidate(idas));
    registry.onDidChangeLibrariesStatus(() => this.refreshLibrariesStatus());
  }

  /** A scan's progress: the status of every published document that shows the libraries, without validating anything. */
  private refreshLibrariesStatus(): void {
    const libraries = this.registry.librariesStatus();
    for (const [uri, published] of this.published) {
      if (published.info.libraries === undefined || libraries === undefined) continue;
      const info: DocumentSchemaInfo = { ...published.info, libraries };
      this.published.set(uri, { ...published, info });
      this.out.documentSchema(info);
    }
  }

  // ------------------------------------------------------------------ configuration

  /** Applies the `openedxConfig` section and the workspace folders, then re-validates every open document. */
  configure(raw: unknown, workspaceFolders: readonly string[]): void {
    const { settings, problems } = readSettings(raw);
    for (const p of problems) this.out.log(p);
    this.settings = settings;
    this.workspaceFolders = [...workspaceFolders];
    const { validation, unknownRules } = validationSettings(settings);
    for (const rule of unknownRules) this.out.log(`openedxConfig.rules.${rule}: no such rule; ignored`);
    this.validation = { ...validation, maxProblems: MAX_PROBLEMS_PER_DOCUMENT };
    this.registry.configure(settings, this.workspaceFolders);
    this.revalidate(['*']);
  }

  /** The current settings (read-only). */
  get currentSettings(): Readonly<OpenedxConfigSettings> {
    return this.settings;
  }

  /** The workspace folders in use. */
  get folders(): readonly string[] {
    return this.workspaceFolders;
  }

  // ------------------------------------------------------------------ documents

  /** didOpen / didChange: the document's diagnostics will follow. */
  changed(doc: ConfigDocument): void {
    this.scheduler.schedule(doc.uri);
  }

  /** didClose: stop validating, clear what was published. */
  closed(uri: string): void {
    this.scheduler.cancel(uri);
    if (this.published.delete(uri)) this.out.publishDiagnostics(uri, [], undefined);
  }

  /** Watched files changed on disk. */
  filesChanged(changes: readonly FileChange[]): void {
    this.registry.filesChanged(changes);
  }

  /** Schedules validation of open documents of these IDAs (`*`: all). */
  revalidate(idas: readonly string[]): void {
    const all = idas.includes('*');
    for (const doc of this.documents.all()) {
      if (all) {
        this.scheduler.schedule(doc.uri);
        continue;
      }
      const association = this.registry.associate(doc.uri, doc.getText());
      if (association !== undefined && idas.includes(association.ida)) this.scheduler.schedule(doc.uri);
    }
  }

  /** The document's IDA and schema (`registry.resolveDocument`); a document that is no IDA config file drops its model. */
  private async resolve(doc: ConfigDocument): Promise<ResolvedDocument | undefined> {
    const resolved = await this.registry.resolveDocument(doc.uri, doc.getText());
    if (resolved === undefined) doc.dropModel();
    return resolved;
  }

  /** The document's model, IDA and schema; undefined when it is not an open IDA config file. */
  private async context(uri: string): Promise<Context | undefined> {
    const doc = this.documents.get(uri);
    if (doc === undefined) return undefined;
    const resolved = await this.resolve(doc);
    if (resolved === undefined) return undefined;
    // The document may have changed while the schema loaded: use its current model.
    const current = this.documents.get(uri);
    if (current === undefined) return undefined;
    return { doc: current, model: current.model(), schema: resolved.schema };
  }

  // ------------------------------------------------------------------ diagnostics

  /** One validation run (see {@link ValidationScheduler}): publishes unless overtaken. */
  private async validate(uri: string, isStale: () => boolean): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc === undefined) return;
    const resolved = await this.resolve(doc);
    if (resolved === undefined) {
      // No longer (or never) an IDA config file: take back what was published, say nothing otherwise.
      if (this.published.delete(uri)) {
        this.out.publishDiagnostics(uri, [], doc.version);
        this.out.documentSchema({ uri });
      }
      return;
    }
    if (isStale()) return;
    const current = this.documents.get(uri);
    if (current === undefined) return;
    const diagnostics = this.service.validate(current.model(), resolved.schema, { ...this.validationSettings(), environment: resolved.environment });
    if (isStale()) return;
    const counts = countProblems(diagnostics);
    const info: DocumentSchemaInfo = { ...resolved.info, counts };
    this.published.set(uri, { counts, info });
    this.out.publishDiagnostics(uri, diagnostics, current.version);
    this.out.documentSchema(info);
  }

  private validationSettings(): ValidationSettings {
    return this.validation;
  }

  // ------------------------------------------------------------------ features

  /** textDocument/completion. */
  async complete(params: CompletionParams): Promise<CompletionList | null> {
    const ctx = await this.context(params.textDocument.uri);
    if (ctx === undefined) return null;
    this.lastCompletionSchema = ctx.schema;
    return this.service.complete(ctx.model, params.position, ctx.schema);
  }

  /** completionItem/resolve. */
  resolveCompletion(item: CompletionItem): CompletionItem {
    return this.service.resolveCompletion(item, this.lastCompletionSchema);
  }

  /** textDocument/hover. */
  async hover(params: HoverParams): Promise<Hover | null> {
    const ctx = await this.context(params.textDocument.uri);
    return ctx === undefined ? null : this.service.hover(ctx.model, params.position, ctx.schema);
  }

  /** textDocument/codeAction. */
  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const ctx = await this.context(params.textDocument.uri);
    return ctx === undefined ? [] : this.service.codeActions(ctx.model, params.range, params.context.diagnostics, ctx.schema);
  }

  /** textDocument/definition. */
  async definition(params: DefinitionParams): Promise<Location[]> {
    const ctx = await this.context(params.textDocument.uri);
    return ctx === undefined ? [] : this.service.definition(ctx.model, params.position, ctx.schema);
  }

  /** textDocument/documentSymbol. */
  async documentSymbols(params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
    const ctx = await this.context(params.textDocument.uri);
    return ctx === undefined ? [] : this.service.documentSymbols(ctx.model);
  }

  // ------------------------------------------------------------------ custom requests

  /** openedxConfig/documentSchemaInfo. */
  async documentInfo(uri: string): Promise<DocumentSchemaInfo> {
    const doc = this.documents.get(uri);
    if (doc === undefined) return { uri };
    const resolved = await this.resolve(doc);
    if (resolved === undefined) return { uri };
    const counts = this.published.get(uri)?.counts;
    return { ...resolved.info, ...(counts !== undefined ? { counts } : {}) };
  }

  /** openedxConfig/setDocumentIda: a session choice (undefined restores the automatic one). */
  async setDocumentIda(uri: string, ida: string | undefined): Promise<DocumentSchemaInfo> {
    // The client's message is data from the wire: anything but a non-empty string restores the automatic choice.
    this.registry.setSessionIda(uri, typeof ida === 'string' && ida !== '' ? ida : undefined);
    if (this.documents.get(uri) !== undefined) this.scheduler.schedule(uri);
    return this.documentInfo(uri);
  }

  /** openedxConfig/listIdas. */
  listIdas(): IdaListing[] {
    return this.registry.listIdas();
  }

  /** openedxConfig/exportSchema. */
  async exportSchema(ida: string): Promise<ExportSchemaResult> {
    const resolved = await this.registry.schemaFor(ida);
    return resolved !== undefined ? { schema: resolved.schema } : { error: `No schema is known for ${ida}.` };
  }

  /** openedxConfig/reextract. */
  reextract(): Promise<ReextractResult> {
    return this.registry.reextract();
  }

  /** openedxConfig/documentationFiles. */
  documentationFiles(ida: string): DocumentationFilesResult {
    const found = this.registry.documentationFiles(ida);
    if (found === undefined) return { ida, error: `The shipped schema of ${ida} names no documentation to download.` };
    return { ida, state: found.state, cacheFolder: found.cacheFolder, files: found.files };
  }

  /** openedxConfig/documentationChanged: every document is validated again with the documented schemas. */
  documentationChanged(): void {
    this.registry.documentationChanged();
  }
}
