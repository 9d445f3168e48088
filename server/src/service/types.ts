/**
 * The language service's public types: its interface, its settings, and the data attached to
 * each diagnostic (which the code actions read back).
 */
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DiagnosticTag,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { Condition } from '../catalog/types';
import type { IdaSchema, PropertySchema } from '../schema/format';
import type { YamlModel } from '../yaml';
import type { RuleId, RuleSeverity } from './rules';
import type { Environment } from '../protocol/types';

/** Per-document validation settings (from user configuration). */
export interface ValidationSettings {
  /** Severity per rule id; `off` silences the rule. */
  readonly severities?: Readonly<Partial<Record<RuleId, RuleSeverity | 'off'>>>;
  /**
   * Keys never reported unknown: exact names, dotted nested paths (`JWT_AUTH.MY_KEY`), or
   * patterns with `*` (`MY_PLUGIN_*`).
   */
  readonly allowedUnknownKeys?: readonly string[];
  /**
   * Where the file runs: outside `production` placeholder secrets are expected (`insecure-secret`
   * is quiet). Default: decided from the document URI's path ({@link environmentFromPath}).
   */
  readonly environment?: Environment;
  /**
   * At most this many problems become diagnostics (the first ones in the file), followed by one
   * `too-many-problems` diagnostic counting the rest. Default: no limit (the CLI lists everything).
   */
  readonly maxProblems?: number;
}

/** Options of {@link createLanguageService}. */
export interface LanguageServiceOptions {
  /** The clock for date rules (`removal-date-passed`); tests inject a fixed date. */
  readonly now?: () => Date;
  /** Renders a property's documentation as Markdown (hover, completion details). */
  readonly renderMarkdown?: MarkdownRenderer;
  /**
   * Set when the client supports `CompletionList.itemDefaults` (`editRange` and `data`, LSP 3.17):
   * key items then carry only `textEditText`, keeping large answers small on the wire.
   */
  readonly completionItemDefaults?: boolean | (() => boolean);
}

/** Renders the documentation of property `name` (a dotted path for nested keys). */
export type MarkdownRenderer = (name: string, prop: PropertySchema, schema: IdaSchema) => string;

/** The pure language service: functions of (document model, schema, position). */
export interface LanguageService {
  /** Diagnostics for the whole document. Unchanged entries reuse cached results. */
  validate(doc: YamlModel, schema: IdaSchema | undefined, settings?: ValidationSettings): Diagnostic[];
  /**
   * Completion at a position: keys (top-level, nested, FEATURES) or values. Never parses. Key items
   * have `data: { parent }` (the parent path) for {@link resolveCompletion}.
   */
  complete(doc: YamlModel, position: Position, schema: IdaSchema | undefined): CompletionList;
  /** Fills in the documentation of a completion item from {@link complete}. */
  resolveCompletion(item: CompletionItem, schema: IdaSchema | undefined): CompletionItem;
  /** Hover on a key (or its value): the setting's documentation. */
  hover(doc: YamlModel, position: Position, schema: IdaSchema | undefined): Hover | null;
  /** Quick fixes for the given diagnostics (those of this service, with their `data`). */
  codeActions(doc: YamlModel, range: Range, diagnostics: readonly Diagnostic[], schema: IdaSchema | undefined): CodeAction[];
  /** The Python line that defines the key at a position (live schemas with an absolute source root). */
  definition(doc: YamlModel, position: Position, schema: IdaSchema | undefined): Location[];
  /** Outline: top-level keys, with nested mapping keys as children. */
  documentSymbols(doc: YamlModel): DocumentSymbol[];
}

/**
 * Data attached to every diagnostic of this service (`Diagnostic.data`); code actions read it.
 * `Diagnostic.code` is the rule id as well.
 */
export interface DiagnosticData {
  readonly rule: RuleId;
  /** The key concerned (dotted for nested keys). */
  readonly key?: string;
  /** `unknown-key`: the suggested known key. */
  readonly suggestion?: string;
  /** `missing-required`: the missing keys. */
  readonly missing?: readonly string[];
  /** `type-mismatch`: a replacement text for the value that fixes the type, and its title. */
  readonly fix?: { readonly title: string; readonly newText: string };
}

/**
 * A diagnostic before placement: offsets (relative to a segment while cached, absolute when
 * assembled), a rule, and facts that document-level checks still have to confirm.
 */
export interface Finding {
  readonly rule: RuleId;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Overrides the rule's default severity (when the user has not set one). */
  readonly severity?: RuleSeverity;
  readonly tags?: DiagnosticTag[];
  readonly data?: Omit<DiagnosticData, 'rule'>;
  /** Conditions checked at assembly, because they depend on more than the entry. */
  readonly pending?: PendingCheck;
}

/** What a finding still depends on. */
export type PendingCheck =
  /** Reported only if the date is before today. */
  | { readonly kind: 'date'; readonly date: string }
  /** Reported only outside development files. */
  | { readonly kind: 'production-only' }
  /** Reported only if this file turns the condition off. */
  | { readonly kind: 'condition'; readonly condition: Condition };
