/**
 * Reads settings modules statement by statement, following `from x import *` within the
 * source tree, and reports what each statement does to the settings. It interprets the
 * shape of the code only; nothing is executed.
 */
import type { Parser } from 'web-tree-sitter';
import { derivedKey, parseOnce, type ParsedFile } from '../python/parseCache';
import type { PyNode as Node } from '../python/syntaxTree';
import type { Documentation, JsonValue, Origin, SettingReader } from '../catalog/types';
import type { CatalogBuilder } from './catalogBuilder';
import type { CommentLine } from './comments/commentLines';
import { docAt, moduleFacts } from './moduleComments';
import { evaluate, type EvaluatedValue } from './values';
import { MAX_EXPRESSION_DEPTH } from './limits';
import { typeFromHint } from './typeHints';
import { findDanglingEquals, recoverStatements, reparseLines, syntaxProblems } from './recovery';
import type { StatementContext, StatementObserver } from './statementContext';
import { ok, type Result } from '../common/result';
import type { ReadProblem, SourceReader } from './sourceReader';
import { resolveStarImport } from './imports';
import { applyMutation, subscriptPath, type MutationOptions } from './mutations';
import { branchOf, chainRuns, truthOf } from './conditions';
import { ifBranches } from './conditionTree';
import type { AnnotationCache, AssignmentSite } from './attachAnnotations';
import { sameTrace, type HeadCheckpoint, type ModuleSnapshots, type PrefixLog, type ReadingState, type TraceStep } from './moduleSnapshots';
import { SyntaxNode } from '../python/syntaxTree';
import { addPluginsCall, type AddPluginsCall } from './plugins/addPlugins';
import type { DiscoveryFiles, PluginHost, PluginSettingsModule } from './plugins/discovery';
import { pluginBody, type PluginBody, type PluginGetattr } from './plugins/pluginBody';

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Index of a module's first top-level `add_plugins(...)` statement (0 when none), per version of the module. */
const ADD_PLUGINS_AT = derivedKey<number>('first add_plugins statement');

/** See {@link ADD_PLUGINS_AT}. */
function firstAddPluginsStatement(parsed: ParsedFile): number {
  return parsed.derive(ADD_PLUGINS_AT, () => Math.max(0, parsed.root.namedChildren.findIndex((stmt) => addPluginsCall(stmt) !== undefined)));
}

/** The readable copy of a plugin settings module's `plugin_settings` body, per version of the module. */
const PLUGIN_BODY = derivedKey<PluginBody | null>('plugin_settings body');

/** How the problem of an expression nested too deep starts (one per module). */
const TOO_DEEP = 'expression nested deeper than';

/** Everything an interpreter run needs. */
export interface InterpreterOptions {
  /** For fragments re-parsed after a syntax error. */
  parser: Parser;
  /** Parses a module (through the parse cache). */
  parse: (file: string, text: string) => ParsedFile;
  reader: SourceReader;
  builder: CatalogBuilder;
  observer?: StatementObserver;
  /** Annotation-bearing comment blocks found in every module, for the attachment pass. */
  annotationSink: (file: string, block: CommentLine[], cache: AnnotationCache) => void;
  /** Modules read in earlier extractions, replayed when nothing they depend on changed; `source` names the settings source. */
  snapshots?: { store: ModuleSnapshots; source: string };
  /** The plugin apps an `add_plugins(...)` call runs (edx-django-utils); without it such calls are ignored. */
  plugins?: PluginHost;
}

/** Asks {@link SettingsInterpreter.runBlock} to save the state right before a statement. */
interface CheckpointRequest {
  at: number;
  /** `add_plugins`: the checkpoint before the module's add_plugins call (kept beside the one before an edit). */
  kind?: 'add_plugins';
  /** What the module's statements read so far (its log). */
  log: PrefixLog;
  /** Filled at `at`: the state, and the log until then. */
  state?: ReadingState;
  saved?: PrefixLog;
}

/** Runs settings modules into a {@link CatalogBuilder}. */
export class SettingsInterpreter {
  private readonly active = new Set<string>();
  private readonly done = new Set<string>();
  /** FEATURES is a proxy onto the module namespace (newer openedx-platform). */
  featuresProxy = false;
  /** Assignments per file, in line order, for attaching annotation blocks. */
  readonly sites = new Map<string, AssignmentSite[]>();

  private site(file: string, line: number, name: string): void {
    let list = this.sites.get(file);
    if (!list) this.sites.set(file, (list = []));
    list.push({ line, name });
  }

  /** The context of the statement running (where an expression's problem is reported). */
  private statementCtx: StatementContext | undefined;

  constructor(private readonly opts: InterpreterOptions) {}

  /** Sets the analysis that sees the entry module's statements first. */
  setObserver(observer: StatementObserver | undefined): void {
    this.opts.observer = observer;
  }

  /** Reads one module (and what it star-imports) into the catalog. */
  runFile(file: string, isEntry: boolean): void {
    const { builder } = this.opts;
    if (this.active.has(file)) {
      builder.problem({ code: 'import-cycle', message: `import cycle: ${[...this.active, file].join(' → ')}`, file, line: 1, column: 0 });
      return;
    }
    if (this.done.has(file)) return;
    const read = this.readModule(file);
    if (!read.ok) {
      builder.problem({ code: read.code, message: read.error, file, line: 1, column: 0 });
      return;
    }
    const parsed = read.value;
    this.active.add(file);
    builder.files.push(file);
    try {
      if (isEntry || !this.replay(file, parsed)) this.runSource(file, parsed, isEntry);
    } finally {
      this.active.delete(file);
      this.done.add(file);
    }
  }

  /**
   * Reads and parses a module: its version, or why it could not be read (logged for checkpoints).
   * @param discovery read to find plugin apps, not to run it.
   */
  private readModule(file: string, discovery = false): Result<ParsedFile, ReadProblem> {
    // One read per file and extraction: plugin discovery reads the same apps.py files for each
    // add_plugins call, and a head checkpoint's check reads again what its statements read.
    let parsed = this.readsDone.get(file);
    if (parsed === undefined) {
      const read = this.opts.reader.read(file);
      // Python ignores a UTF-8 byte order mark; positions must not count it.
      parsed = read.ok ? ok(this.opts.parse(file, read.value.replace(/^\uFEFF/, ''))) : read;
      this.readsDone.set(file, parsed);
    }
    const outcome = parsed.ok ? parsed.value : parsed.error;
    for (const log of this.logs) log.reads.push(discovery ? { file, outcome, discovery: true } : { file, outcome });
    return parsed;
  }

  /** What this extraction read, by file (the sources are read once, as one version of them). */
  private readonly readsDone = new Map<string, Result<ParsedFile, ReadProblem>>();
  /** Which files plugin discovery found present, in this extraction. */
  private readonly presenceDone = new Map<string, boolean>();

  // ------------------------------------------------------------------ snapshots (moduleSnapshots.ts)

  /** One log per module running now that may keep a head checkpoint: what its statements so far read. */
  private readonly logs: PrefixLog[] = [];

  /** Everything the reading has done so far (the settings shared, copied on write; the rest copied). */
  private saveState(): ReadingState {
    const { builder } = this.opts;
    return {
      settings: builder.saveSettings(),
      problems: [...builder.problems],
      files: [...builder.files],
      sites: new Map([...this.sites].map(([file, list]) => [file, [...list]])),
      done: [...this.done],
      featuresProxy: this.featuresProxy,
      trace: this.trace.map((t) => ({ ...t })),
      imports: this.imports,
    };
  }

  /** Goes back to a saved state (which stays as it is). */
  private restoreState(state: ReadingState): void {
    const { builder } = this.opts;
    builder.restoreSettings(state.settings);
    builder.problems.splice(0, builder.problems.length, ...state.problems);
    builder.files.splice(0, builder.files.length, ...state.files);
    this.sites.clear();
    for (const [file, list] of state.sites) this.sites.set(file, [...list]);
    this.done.clear();
    for (const file of state.done) this.done.add(file);
    this.featuresProxy = state.featuresProxy;
    this.trace.splice(0, this.trace.length, ...state.trace.map((t) => ({ ...t })));
    this.imports = state.imports;
  }

  /**
   * Whether a head checkpoint of `file` (version `parsed`, entered after `before`) still holds:
   * the same code ran before the module, its statements up to the checkpoint are the same syntax
   * nodes, and what they read (modules, import resolutions) is still what it was.
   */
  private checkpointHolds(checkpoint: HeadCheckpoint, before: readonly TraceStep[], statements: readonly Node[]): boolean {
    if (!sameTrace(checkpoint.traceBefore, before) || statements.length < checkpoint.statements.length) return false;
    for (let i = 0; i < checkpoint.statements.length; i++) if (statements[i] !== checkpoint.statements[i]) return false;
    for (const r of checkpoint.log.resolutions) {
      if (resolveStarImport(r.module, r.from, this.opts.reader) !== r.resolved) return false;
    }
    for (const p of checkpoint.log.presence) if (this.present(p.file) !== p.exists) return false;
    // Not logged: these are the checkpoint's own reads, which the caller logs if it is restored.
    const logs = this.logs.splice(0);
    try {
      for (const r of checkpoint.log.reads) {
        const now = this.readModule(r.file);
        const same = typeof r.outcome === 'string' ? !now.ok && now.error === r.outcome : now.ok && (now.value === r.outcome || now.value.text === r.outcome.text);
        if (!same) return false;
      }
    } finally {
      this.logs.push(...logs);
    }
    return true;
  }

  /** The modules entered so far and how far each ran: what the state depends on. */
  private readonly trace: TraceStep[] = [];
  /** The steps of the modules running now, by file. */
  private readonly running = new Map<string, TraceStep>();
  /** False once the trace cannot tell the state any more (a damaged module was entered). */
  private traceable = true;
  /** Star imports run so far (a module that runs one is not kept). */
  private imports = 0;

  /** Replays the module's snapshot when the same code ran before it as when it was taken. */
  private replay(file: string, parsed: ParsedFile): boolean {
    const memo = this.opts.snapshots;
    const snapshot = memo?.store.get(memo.source, file);
    if (memo === undefined || snapshot === undefined || !this.traceable) return false;
    if (snapshot.parsed !== parsed && snapshot.parsed.text !== parsed.text) return false;
    if (!sameTrace(snapshot.trace, this.trace)) return false;
    const { builder } = this.opts;
    builder.restoreSettings(snapshot.settings);
    for (const p of snapshot.problems) builder.problem(p);
    this.sites.set(file, [...snapshot.sites]);
    const { comments } = moduleFacts(parsed);
    for (const block of comments.blocks) this.opts.annotationSink(file, block, comments.annotations);
    this.featuresProxy = snapshot.featuresProxy;
    this.trace.push({ file, parsed, extent: Infinity });
    memo.store.replayed++;
    return true;
  }

  private runSource(file: string, parsed: ParsedFile, isEntry: boolean): void {
    const { lines, comments } = moduleFacts(parsed);
    for (const block of comments.blocks) this.opts.annotationSink(file, block, comments.annotations);
    const root = parsed.root;
    const mayHaveErrors = root.hasError;
    // A damaged module is not the sum of its statements: its syntax problems are reported for the
    // whole module up front, and tree-sitter may fold statements before the damage into an ERROR
    // node. The trace would not tell the state any more: nothing is replayed or kept from now on.
    if (mayHaveErrors) this.traceable = false;
    const ctx: StatementContext = { file, lines, comments, lineOffset: 0, conditions: [], isEntry, recovery: { failed: 0 }, mayHaveErrors };
    const before = this.trace.map((t) => ({ ...t }));
    let step: TraceStep = { file, parsed, extent: 0 };
    this.trace.push(step);
    const problems = this.opts.builder.problems.length;
    const imports = this.imports;
    // Head checkpoints: modules read through copies, without errors, not the entry (whose
    // statements the YAML analysis also sees).
    const memo = this.opts.snapshots;
    const statements = root.namedChildren;
    const checkpointable = memo !== undefined && !isEntry && !mayHaveErrors && root instanceof SyntaxNode && this.traceable && statements.length === root.children.length;
    let from = 0;
    // Checkpoints right before the first re-parsed statement, and right before the module's
    // add_plugins call: an edit of a plugin app's files resumes there.
    const regionAt = parsed.region?.middle.from ?? 0;
    const pluginsAt = this.opts.plugins !== undefined && checkpointable ? firstAddPluginsStatement(parsed) : 0;
    const log: PrefixLog = { reads: [], resolutions: [], presence: [] };
    if (checkpointable) {
      // The one that skips the most statements first.
      const candidates = [memo.store.head(memo.source, file), pluginsAt > 0 ? memo.store.head(memo.source, file, 'add_plugins') : undefined]
        .filter((c): c is HeadCheckpoint => c !== undefined)
        .sort((a, b) => b.statements.length - a.statements.length);
      const checkpoint = candidates.find((c) => this.checkpointHolds(c, before, statements));
      if (checkpoint !== undefined) {
        this.restoreState(checkpoint.state);
        // The module's own step is the one after the modules entered before it.
        step = this.trace[before.length];
        step.parsed = parsed;
        for (const r of checkpoint.log.reads) {
          if (typeof r.outcome === 'string' || r.discovery) continue;
          // The blocks of the modules the skipped statements imported, in the order they were found.
          const facts = moduleFacts(r.outcome);
          for (const block of facts.comments.blocks) this.opts.annotationSink(r.file, block, facts.comments.annotations);
        }
        // What the skipped statements read, as if they had run: for this module's next
        // checkpoint, and for those of the modules importing it.
        for (const l of [...this.logs, log]) {
          l.reads.push(...checkpoint.log.reads);
          l.resolutions.push(...checkpoint.log.resolutions);
          l.presence.push(...checkpoint.log.presence);
        }
        from = checkpoint.statements.length;
        memo.store.resumed++;
      }
      this.logs.push(log);
    }
    const saves: CheckpointRequest[] = [];
    if (checkpointable && regionAt > from) saves.push({ at: regionAt, log });
    if (checkpointable && pluginsAt > from && pluginsAt !== regionAt) saves.push({ at: pluginsAt, log, kind: 'add_plugins' });
    this.running.set(file, step);
    try {
      if (mayHaveErrors) {
        for (const p of syntaxProblems(root, file)) this.opts.builder.problem(p);
      }
      this.runBlock(root, ctx, from, saves);
      for (const save of saves) {
        if (memo === undefined || save.state === undefined || save.saved === undefined || !this.traceable) continue;
        memo.store.setHead(memo.source, file, { traceBefore: before, statements: statements.slice(0, save.at), state: save.state, log: save.saved }, save.kind);
      }
    } finally {
      step.extent = Infinity;
      this.running.delete(file);
      if (checkpointable) this.logs.splice(this.logs.indexOf(log), 1);
    }
    if (memo !== undefined && !isEntry && !mayHaveErrors && this.traceable && this.imports === imports && parsed.text.length >= memo.store.minChars) {
      memo.store.set(memo.source, file, {
        trace: before,
        parsed,
        settings: this.opts.builder.saveSettings(),
        problems: this.opts.builder.problems.slice(problems),
        sites: [...(this.sites.get(file) ?? [])],
        featuresProxy: this.featuresProxy,
      });
    }
  }

  /**
   * Runs the statements of a module or block.
   * @param from the first statement to run (the ones before were restored from a checkpoint).
   * @param saves each saves the state right before statement `save.at`, with what was read until then.
   */
  runBlock(block: Node, ctx: StatementContext, from = 0, saves: readonly CheckpointRequest[] = []): void {
    const statements = block.namedChildren;
    for (let i = from; i < statements.length; i++) {
      const stmt = statements[i];
      for (const save of saves) {
        if (i !== save.at) continue;
        save.state = this.saveState();
        save.saved = { reads: [...save.log.reads], resolutions: [...save.log.resolutions], presence: [...save.log.presence] };
      }
      if (!stmt) continue;
      // tree-sitter accepts an indented module-level statement; Python does not.
      if (block.type === 'module' && !ctx.fragment && stmt.startPosition.column > 0 && stmt.type !== 'comment' && this.startsLine(stmt, ctx)) {
        this.opts.builder.problem({
          code: 'syntax-error',
          message: 'Python syntax error: unexpected indent; the statement was read anyway',
          file: ctx.file,
          line: stmt.startPosition.row + 1 + ctx.lineOffset,
          column: stmt.startPosition.column,
        });
      }
      this.runStatement(stmt, ctx);
    }
  }

  /** Whether only whitespace precedes the statement on its line (it does not follow a `;`). */
  private startsLine(stmt: Node, ctx: StatementContext): boolean {
    return (ctx.lines[stmt.startPosition.row + ctx.lineOffset] ?? '').slice(0, stmt.startPosition.column).trim() === '';
  }

  /**
   * `FOO = ` with nothing after the `=`, which tree-sitter reads as `FOO = <next line>`:
   * reports it, declares the names before the `=` and re-reads the following lines afresh.
   * @returns true when the statement was such a damaged assignment (and was handled).
   */
  private danglingAssignment(stmt: Node, ctx: StatementContext): boolean {
    const dangling = findDanglingEquals(stmt, ctx);
    if (!dangling) return false;
    this.opts.builder.problem({
      code: 'syntax-error',
      message: 'Python syntax error: `=` without a value; the lines here were re-read one by one',
      file: ctx.file,
      line: dangling.row + 1,
      column: dangling.column,
    });
    for (const t of dangling.targets) {
      if (t.type === 'identifier' && SETTING_NAME.test(t.text)) this.opts.builder.declare(t.text, undefined, this.origin(t, ctx));
    }
    reparseLines(
      dangling.row + 1,
      stmt.endPosition.row + ctx.lineOffset,
      ctx,
      this.opts.parser,
      (fragment, fragmentCtx) => this.runBlock(fragment, fragmentCtx),
      (name, line, column) => this.opts.builder.declare(name, undefined, { file: ctx.file, line, column }),
    );
    return true;
  }

  private runStatement(stmt: Node, ctx: StatementContext): void {
    const outer = this.statementCtx;
    this.statementCtx = ctx;
    try {
      this.runStatementIn(stmt, ctx);
    } finally {
      this.statementCtx = outer;
    }
  }

  private runStatementIn(stmt: Node, ctx: StatementContext): void {
    // Read once: this runs for every statement of every module.
    const type = stmt.type;
    if (ctx.mayHaveErrors !== false && (type === 'ERROR' || stmt.hasError)) {
      // A damaged statement may have swallowed the good ones after it: re-read them one by one.
      recoverStatements(
        stmt,
        ctx,
        this.opts.parser,
        (fragment, fragmentCtx) => this.runBlock(fragment, fragmentCtx),
        (name, line, column) => this.opts.builder.declare(name, undefined, { file: ctx.file, line, column }),
      );
      return;
    }
    if (type === 'expression_statement' && this.danglingAssignment(stmt, ctx)) return;
    // Before the YAML analysis, which sees the rest of production.py: plugins run there too.
    if (type === 'expression_statement' && this.opts.plugins !== undefined) {
      const call = addPluginsCall(stmt);
      if (call !== undefined) {
        this.runPlugins(call, stmt, ctx);
        return;
      }
    }
    if (ctx.isEntry && this.opts.observer?.onStatement(stmt, ctx)) return;
    switch (type) {
      case 'expression_statement':
        for (const expr of stmt.namedChildren) if (expr) this.runExpression(expr, stmt, ctx);
        return;
      case 'import_from_statement':
        this.runImport(stmt, ctx);
        return;
      case 'if_statement':
        this.runIf(stmt, ctx);
        return;
      case 'try_statement':
      case 'with_statement':
        for (const child of stmt.namedChildren) {
          if (!child) continue;
          if (child.type === 'block') this.runBlock(child, ctx);
          else if (child.type === 'except_clause' || child.type === 'else_clause' || child.type === 'finally_clause') {
            for (const b of child.namedChildren) if (b?.type === 'block') this.runBlock(b, ctx);
          }
        }
        return;
      case 'for_statement':
      case 'while_statement': {
        // The body may run any number of times: what it defines exists, what it edits is unknown.
        // It surely never runs over a known empty sequence or while a known false condition holds.
        const test = stmt.childForFieldName(stmt.type === 'for_statement' ? 'right' : 'condition');
        const never = test ? truthOf(test, (x) => this.evaluate(x)) === false : false;
        const loopCtx: StatementContext = { ...ctx, ...branchOf(ctx.branch, never ? false : undefined) };
        const body = stmt.childForFieldName('body');
        if (body) this.runBlock(body, loopCtx);
        const orElse = stmt.childForFieldName('alternative')?.namedChildren.find((c) => c?.type === 'block');
        // `else` runs when no `break` ends the loop: not decided here.
        if (orElse) this.runBlock(orElse, { ...ctx, ...branchOf(ctx.branch, undefined) });
        return;
      }
      default:
        return; // functions and classes define no settings
    }
  }

  private runIf(stmt: Node, ctx: StatementContext): void {
    const branches = ifBranches(stmt, this.featuresProxy);
    // An `else` counts as a true test: it runs when no earlier branch did.
    const runs = chainRuns(branches.map((b) => (b.test ? truthOf(b.test, (x) => this.evaluate(x)) : true)));
    branches.forEach((b, i) => {
      if (b.body) this.runBlock(b.body, { ...ctx, conditions: [...ctx.conditions, b.guard], ...branchOf(ctx.branch, runs[i]) });
    });
  }

  private runImport(stmt: Node, ctx: StatementContext): void {
    if (!stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) return;
    this.imports++;
    // The importing module has run up to this statement (a fragment's indices are its own).
    const step = this.running.get(ctx.file);
    if (ctx.fragment || step === undefined) this.traceable = false;
    else step.extent = stmt.endIndex;
    const moduleNode = stmt.childForFieldName('module_name');
    if (!moduleNode) return;
    const resolved = resolveStarImport(moduleNode.text, ctx.file, this.opts.reader);
    for (const log of this.logs) log.resolutions.push({ from: ctx.file, module: moduleNode.text, resolved });
    if (!resolved) {
      this.opts.builder.problem({
        code: 'import-not-found',
        message: `\`from ${moduleNode.text} import *\` is outside the settings sources; its settings are not known`,
        file: ctx.file,
        line: stmt.startPosition.row + 1 + ctx.lineOffset,
        column: stmt.startPosition.column,
      });
      return;
    }
    if (this.active.has(resolved)) {
      // Python would import a half-initialised module here; report the import that closes the cycle.
      this.opts.builder.problem({
        code: 'import-cycle',
        message: `import cycle: ${[...this.active, resolved].join(' → ')}; \`from ${moduleNode.text} import *\` sees only what that module defined so far`,
        file: ctx.file,
        line: stmt.startPosition.row + 1 + ctx.lineOffset,
        column: stmt.startPosition.column,
      });
      return;
    }
    this.runFile(resolved, false);
  }

  // ------------------------------------------------------------------ plugin apps (plugins/)

  /**
   * `add_plugins(__name__, ProjectType.X, SettingsType.Y)`: runs the `plugin_settings(settings)`
   * of each plugin app the call finds, here, as the framework does (the common ones in the middle
   * of `lms/envs/common.py`, the production ones after the YAML is loaded).
   */
  private runPlugins(call: AddPluginsCall, stmt: Node, ctx: StatementContext): void {
    const host = this.opts.plugins;
    if (host === undefined) return;
    // Like a star import: what the module leaves depends on other files, so it is not kept as a
    // snapshot, and the modules entered next are entered with the module run up to here.
    this.imports++;
    const step = this.running.get(ctx.file);
    if (ctx.fragment || step === undefined) this.traceable = false;
    else step.extent = stmt.endIndex;
    const files: DiscoveryFiles = {
      exists: (rel) => {
        const exists = this.present(rel);
        for (const log of this.logs) log.presence.push({ file: rel, exists });
        return exists;
      },
      parse: (rel) => {
        const read = this.readModule(rel, true);
        if (!read.ok) return undefined;
        this.addFile(rel);
        return read.value;
      },
    };
    const found = host.modules(call.projectType, call.settingsType, files);
    for (const p of found.problems) this.opts.builder.problem(p);
    for (const module of found.modules) {
      // A plugin body calling add_plugins would run itself again (Python would recurse forever).
      if (this.activePlugins.has(module.file)) {
        const line = stmt.startPosition.row + 1 + ctx.lineOffset;
        this.opts.builder.problem({ code: 'import-cycle', message: `plugin cycle: ${[...this.activePlugins, module.file].join(' → ')}; not run again`, file: ctx.file, line, column: stmt.startPosition.column });
        continue;
      }
      this.activePlugins.add(module.file);
      try {
        this.runPluginModule(module, ctx);
      } finally {
        this.activePlugins.delete(module.file);
      }
    }
  }

  /** Plugin settings modules running now (an add_plugins call inside one is a cycle). */
  private readonly activePlugins = new Set<string>();

  /** Whether a file exists, asked once per extraction. */
  private present(file: string): boolean {
    let exists = this.presenceDone.get(file);
    if (exists === undefined) this.presenceDone.set(file, (exists = this.opts.reader.exists(file)));
    return exists;
  }

  /** Lists a file as read (once). */
  private addFile(file: string): void {
    if (!this.opts.builder.files.includes(file)) this.opts.builder.files.push(file);
  }

  /** The readable copy of a plugin module's body (see `plugins/pluginBody.ts`), once per version of the module. */
  private pluginBodyOf(parsed: ParsedFile): PluginBody | undefined {
    return (
      parsed.derive(PLUGIN_BODY, () => {
        // A module read through tree-sitter's own nodes (one-shot extractions) is copied to be rewritten.
        const root = parsed.copy ?? parseOnce(this.opts.parser, parsed.text).copy;
        return (root && pluginBody(root)) ?? null;
      }) ?? undefined
    );
  }

  /** Runs one plugin settings module's `plugin_settings(settings)` body on the settings, where `add_plugins` was called. */
  private runPluginModule(module: PluginSettingsModule, callCtx: StatementContext): void {
    const { builder } = this.opts;
    const file = module.file;
    const read = this.readModule(file);
    if (!read.ok) {
      builder.problem({ code: read.code, message: read.error, file, line: 1, column: 0 });
      return;
    }
    const parsed = read.value;
    this.addFile(file);
    const { lines, comments } = moduleFacts(parsed);
    for (const block of comments.blocks) this.opts.annotationSink(file, block, comments.annotations);
    this.trace.push({ file, parsed, extent: Infinity });
    const mayHaveErrors = parsed.root.hasError;
    if (mayHaveErrors) {
      this.traceable = false;
      for (const p of syntaxProblems(parsed.root, file)) builder.problem(p);
    }
    const plugin = this.pluginBodyOf(parsed);
    if (plugin === undefined) {
      builder.problem({ code: 'layout-unknown', message: `${file} (plugin app \`${module.app}\`) defines no plugin_settings(settings) function; its settings are not known`, file, line: 1, column: 0 });
      return;
    }
    const who: Pick<SettingReader, 'package' | 'version'> = { package: module.package, ...(module.version !== undefined ? { version: module.version } : {}) };
    const ctx: StatementContext = {
      file,
      lines,
      comments,
      lineOffset: 0,
      conditions: callCtx.conditions,
      isEntry: callCtx.isEntry,
      recovery: { failed: 0 },
      mayHaveErrors,
      ...(callCtx.branch !== undefined ? { branch: callCtx.branch } : {}),
    };
    // Statement by statement: a getattr makes its name known when the statement holding it runs.
    let next = 0;
    for (const stmt of plugin.body.namedChildren) {
      for (; next < plugin.getattrs.length && plugin.getattrs[next].index < stmt.endIndex; next++) this.pluginGetattr(plugin.getattrs[next], file, who);
      this.runStatement(stmt, ctx);
    }
    for (const w of plugin.writes) {
      // Under the FEATURES proxy a FEATURES key is a top-level setting; otherwise the plugin edits FEATURES.
      const name = w.feature === true && !this.featuresProxy ? 'FEATURES' : w.name;
      builder.addReader(name, { ...who, file, line: w.line, how: 'plugin' });
    }
  }

  /** `getattr(settings, 'X', default)`: X exists from here on, with the default unless a module set it. */
  private pluginGetattr(g: PluginGetattr, file: string, who: Pick<SettingReader, 'package' | 'version'>): void {
    const { builder } = this.opts;
    if (!SETTING_NAME.test(g.name)) return;
    if (!builder.has(g.name)) {
      const value: EvaluatedValue = g.fallback !== undefined ? this.evaluate(g.fallback) : { type: { kind: 'unknown', types: [], nullable: false, from: 'none' }, reads: [] };
      builder.assign(g.name, value, { file, line: g.line, column: g.column }, g.fallback?.text, undefined);
    }
    builder.addReader(g.name, { ...who, file, line: g.line, how: 'getattr' });
  }

  /** The origin of a node in the current module. */
  origin(node: Node, ctx: StatementContext): Origin {
    return { file: ctx.file, line: node.startPosition.row + 1 + ctx.lineOffset, column: node.startPosition.column };
  }

  /** Documentation from `#:` or plain comments for a statement starting on `line` (1-based). */
  docFor(line: number, ctx: StatementContext): Documentation | undefined {
    return docAt(ctx.comments, line, ctx.file);
  }

  private runExpression(expr: Node, stmt: Node, ctx: StatementContext): void {
    switch (expr.type) {
      case 'assignment':
        this.runAssignment(expr, stmt, ctx);
        return;
      case 'augmented_assignment':
      case 'call':
        applyMutation(expr, this.opts.builder, (n) => this.evaluate(n), this.mutationOptions(ctx));
        return;
      default:
        return;
    }
  }

  private mutationOptions(ctx: StatementContext): MutationOptions {
    const at = (node: Node): { origin: Origin; doc: Documentation | undefined } => ({ origin: this.origin(node, ctx), doc: this.docFor(node.startPosition.row + 1 + ctx.lineOffset, ctx) });
    return { featuresProxy: this.featuresProxy, at, ...(ctx.branch ? { branch: ctx.branch } : {}) };
  }

  /** Evaluates an expression against the settings known so far. */
  evaluate(node: Node): EvaluatedValue {
    return evaluate(node, (name) => this.opts.builder.valueOf(name), (deep) => this.tooDeep(deep));
  }

  /** Reports an expression nested past the evaluation's depth bound, once per module. */
  private tooDeep(node: Node): void {
    const ctx = this.statementCtx;
    // Asked of the problems rather than kept aside: a checkpoint restores them with the rest.
    if (ctx === undefined || this.opts.builder.problems.some((p) => p.file === ctx.file && p.message.startsWith(TOO_DEEP))) return;
    const line = node.startPosition.row + 1 + ctx.lineOffset;
    this.opts.builder.problem({
      code: 'limit-reached',
      message: `${TOO_DEEP} ${MAX_EXPRESSION_DEPTH} levels in ${ctx.file}:${line}; its value is unknown`,
      file: ctx.file,
      line,
      column: node.startPosition.column,
    });
  }

  private runAssignment(expr: Node, stmt: Node, ctx: StatementContext): void {
    // `A = B = value` nests assignments: collect every target, then the final value.
    const targets: Node[] = [];
    let cur: Node | null = expr;
    let hint: string | undefined;
    while (cur && cur.type === 'assignment') {
      const left = cur.childForFieldName('left');
      if (left) targets.push(left);
      hint ??= cur.childForFieldName('type')?.text;
      const right = cur.childForFieldName('right');
      if (!right) {
        cur = null;
        break;
      }
      cur = right;
    }
    const valueNode = cur;
    const line = stmt.startPosition.row + 1 + ctx.lineOffset;
    const doc = this.docFor(line, ctx);
    const hinted = hint ? typeFromHint(hint) : undefined;
    const builder = this.opts.builder;

    for (const t of targets) {
      if (t.type === 'identifier' && SETTING_NAME.test(t.text)) this.site(ctx.file, line, t.text);
      const p = t.type === 'subscript' ? subscriptPath(t) : undefined;
      if (p?.base === 'FEATURES' && this.featuresProxy && p.keys.length === 1) this.site(ctx.file, line, p.keys[0]);
    }
    if (!valueNode) {
      for (const t of targets) if (t.type === 'identifier' && SETTING_NAME.test(t.text)) builder.declare(t.text, hinted, this.origin(t, ctx), doc);
      return;
    }
    let value = this.evaluate(valueNode);
    if (valueNode.type === 'call' && valueNode.childForFieldName('function')?.text === 'FeaturesProxy') {
      // YAML files still carry a FEATURES mapping; the proxy applies each entry as a top-level setting.
      this.featuresProxy = true;
      value = { type: { kind: 'json', types: ['object'], nullable: false, from: 'literal' }, reads: [] };
    }
    for (const target of targets) {
      if (target.type === 'identifier') {
        if (!SETTING_NAME.test(target.text)) continue;
        // A branch that does not run cannot replace a value; it still tells that the setting exists.
        if (ctx.branch === 'skipped' && builder.has(target.text)) continue;
        const v: EvaluatedValue = hinted && value.type.kind !== 'json' ? { ...value, type: { ...hinted, nullable: hinted.nullable || value.type.nullable } } : value;
        builder.assign(target.text, v, this.origin(target, ctx), valueNode.text, doc);
      } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern') {
        this.runUnpack(target, valueNode, ctx, doc);
      } else if (target.type === 'subscript') {
        applyMutation(expr, builder, (n) => this.evaluate(n), { ...this.mutationOptions(ctx), sub: { origin: this.origin(target, ctx), doc } });
      }
    }
  }

  private runUnpack(target: Node, valueNode: Node, ctx: StatementContext, doc: Documentation | undefined): void {
    const names = target.namedChildren.filter((c): c is Node => c !== null);
    const values = valueNode.type === 'expression_list' || valueNode.type === 'tuple' ? valueNode.namedChildren.filter((c): c is Node => c !== null) : [];
    names.forEach((n, i) => {
      if (n.type !== 'identifier' || !SETTING_NAME.test(n.text)) return;
      const v = values[i];
      const value: EvaluatedValue = v ? this.evaluate(v) : { type: { kind: 'computed', types: [], nullable: false, from: 'none' }, reads: [] };
      this.opts.builder.assign(n.text, value, this.origin(n, ctx), v?.text ?? valueNode.text, doc);
    });
  }
}

/** A JSON value deep-copied, so catalogs never share mutable defaults. */
export function cloneJson(v: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(v)) as JsonValue;
}
