/**
 * What a production settings module does with the YAML file: which keys it reads
 * explicitly, merges, appends, renames or ignores, which settings it overwrites after
 * loading, and under which conditions. Read statically from the shape of the code, so
 * the same analysis serves openedx-platform's `production.py`, the IDAs' cookiecutter
 * `production.py` and OEP-45 `__init__.py` modules.
 */
import type { PyNode as Node } from '../python/syntaxTree';
import type { JsonType, JsonValue, Origin, SettingType, YamlRole } from '../catalog/types';
import type { CatalogBuilder } from './catalogBuilder';
import type { StatementContext, StatementObserver } from './statementContext';
import { ifBranches, settingsOnly } from './conditionTree';
import { decodeStringLiteral } from '../python/strings';
import { namedChildren as children, type EvaluatedValue } from './values';
import { docAt } from './moduleComments';

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
/** A test made of setting names joined by `or`/`and`: the only form conditional roles had before conditions were data. */
const PLAIN_NAMES = /^[A-Z][A-Z0-9_]*(\s+(or|and)\s+[A-Z][A-Z0-9_]*)*$/;

/** One explicit read of a YAML key. */
interface KeyRead {
  key: string;
  /** The node of the read expression (`C.get('K', d)`, `C['K']`, `C.pop('K')`) or of a variable holding it. */
  node: Node;
  /** The fallback expression of `.get`/`.pop`, if any. */
  fallback?: Node;
}

function stringValue(n: Node | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  return decodeStringLiteral(n.text)?.value;
}

function calleeName(call: Node): string {
  return call.childForFieldName('function')?.text ?? '';
}

/** The base identifier of `A`, `A[...]`, `A.b`, `A[...].c[...]`. */
function baseName(n: Node | null): string | undefined {
  let cur = n;
  while (cur && (cur.type === 'subscript' || cur.type === 'attribute')) cur = cur.childForFieldName(cur.type === 'subscript' ? 'value' : 'object');
  return cur?.type === 'identifier' ? cur.text : undefined;
}

/** A setting name written as a string literal (in `DICT_UPDATE_KEYS` or an exclusion list), with its position. */
interface NamedKey {
  key: string;
  file: string;
  line: number;
}

/** The setting names among the string literals inside a node, each with the line it is written on. */
function settingNamesIn(n: Node, ctx: StatementContext): NamedKey[] {
  const out: NamedKey[] = [];
  for (const s of n.descendantsOfType('string')) {
    const key = s ? stringValue(s) : undefined;
    if (s && key !== undefined && SETTING_NAME.test(key)) out.push({ key, file: ctx.file, line: s.startPosition.row + 1 + ctx.lineOffset });
  }
  return out;
}

/** Builds the observer for a module that loads YAML. */
export class YamlLoadingAnalysis implements StatementObserver {
  /** Names bound to the loaded YAML mapping (`_YAML_TOKENS`, `config_from_yaml`, aliases). */
  private readonly configVars = new Set<string>();
  /** Helper variables that hold one YAML key's value: name → key. */
  private readonly derived = new Map<string, string>();
  /** Helper variables a YAML key's mapping was merged into (`config.update(C.get('K', {}))`): name → key and where. */
  private readonly mergedInto = new Map<string, { key: string; line: number; file: string }>();
  private loaded = false;
  private excluded: NamedKey[] = [];
  private readonly handledExcluded = new Set<string>();
  private dictUpdateKeys: NamedKey[] = [];

  /**
   * @param isFeaturesProxy whether FEATURES is a `FeaturesProxy` (its entries are top-level
   *   settings) rather than a plain dict (older openedx-platform), when the module is read.
   */
  constructor(
    private readonly builder: CatalogBuilder,
    private readonly evaluate: (n: Node) => EvaluatedValue,
    private readonly isFeaturesProxy: () => boolean = () => true,
  ) {}

  /** Whether the YAML load was found. */
  get foundLoad(): boolean {
    return this.configVars.size > 0;
  }

  onStatement(stmt: Node, ctx: StatementContext): boolean {
    this.noteEnvVar(stmt, ctx);
    if (!this.foundLoad) {
      if (this.tryLoad(stmt, ctx)) return true;
      this.noteDictUpdateKeys(stmt, ctx);
      return false;
    }
    if (stmt.type === 'with_statement' || stmt.type === 'try_statement') return false; // let the interpreter walk into it
    if (stmt.type === 'if_statement') {
      this.analyseIf(stmt, ctx);
      return true;
    }
    this.analyse(stmt, ctx);
    return true;
  }

  /** Called once the whole module was read. */
  finish(): void {
    // The position of a key's role is where the module names it: its entry in the list.
    for (const { key, file, line } of this.dictUpdateKeys) this.addRole(key, { kind: 'merged', depth: 'shallow', line, file });
    for (const { key, file, line } of this.excluded) {
      if (!this.handledExcluded.has(key)) this.addRole(key, { kind: 'yaml-only', line, file, note: 'not assigned directly from the YAML' });
    }
  }

  private origin(n: Node, ctx: StatementContext): Origin {
    return { file: ctx.file, line: n.startPosition.row + 1 + ctx.lineOffset, column: n.startPosition.column };
  }

  private noteEnvVar(stmt: Node, ctx: StatementContext): void {
    if (this.builder.yaml.envVar) return;
    for (const call of stmt.descendantsOfType('call')) {
      if (!call) continue;
      const fn = calleeName(call);
      if (!/(get_env_setting|environ\.get|environ|getenv)$/.test(fn) && !/environ$/.test(fn)) continue;
      const arg = stringValue(children(call.childForFieldName('arguments') ?? call)[0]);
      if (arg && /(_CFG|_CONFIG_ROOT|_CFG_PATH)$/.test(arg)) {
        this.builder.yaml.envVar = arg;
        this.builder.yaml.module = ctx.file;
      }
    }
    for (const sub of stmt.descendantsOfType('subscript')) {
      const s = stringValue(sub?.childForFieldName('subscript'));
      if (sub && s && /environ$/.test(sub.childForFieldName('value')?.text ?? '') && /(_CFG|_CONFIG_ROOT)$/.test(s)) {
        this.builder.yaml.envVar = s;
        this.builder.yaml.module = ctx.file;
      }
    }
    const fixed = stmt.descendantsOfType('string').map((s) => (s ? stringValue(s) : undefined)).find((s) => s && /^[\w.-]+\.ya?ml$/.test(s));
    if (fixed && !this.builder.yaml.fileName && /open\(/.test(stmt.text)) this.builder.yaml.fileName = fixed;
  }

  /** Finds `C = yaml.safe_load(f)`. */
  private tryLoad(stmt: Node, ctx: StatementContext): boolean {
    if (stmt.type !== 'expression_statement') return false;
    const a = children(stmt)[0];
    if (a?.type !== 'assignment') return false;
    // `yaml.safe_load(f) or {}` tolerates an empty file; the load is the left operand.
    let right = a.childForFieldName('right');
    if (right?.type === 'boolean_operator') right = right.childForFieldName('left');
    const left = a.childForFieldName('left');
    if (right?.type !== 'call' || left?.type !== 'identifier') return false;
    if (!/(^|\.)(safe_load|load|full_load)$/.test(calleeName(right)) || !/yaml/i.test(calleeName(right))) return false;
    this.configVars.add(left.text);
    this.builder.yaml.line = stmt.startPosition.row + 1 + ctx.lineOffset;
    this.builder.yaml.module ??= ctx.file;
    return true;
  }

  private noteDictUpdateKeys(stmt: Node, ctx: StatementContext): void {
    const a = children(stmt)[0];
    if (a?.type !== 'assignment') return;
    const name = a.childForFieldName('left')?.text ?? '';
    const right = a.childForFieldName('right');
    if (/^DICT_UPDATE_KEYS$/.test(name) && right) this.dictUpdateKeys = settingNamesIn(right, ctx);
  }

  private addRole(key: string, role: YamlRole): void {
    if (this.builder.has(key)) this.builder.addRole(key, role);
    this.handledExcluded.add(key);
  }

  /** Finds every explicit read of a YAML key inside a node. */
  private readsIn(n: Node): KeyRead[] {
    const out: KeyRead[] = [];
    // An explicit stack, in document order: an expression may nest thousands of levels.
    const stack: Node[] = [n];
    while (stack.length > 0) {
      const x = stack.pop() as Node;
      if (x.type === 'call') {
        const fn = x.childForFieldName('function');
        if (fn?.type === 'attribute' && this.configVars.has(fn.childForFieldName('object')?.text ?? '')) {
          const method = fn.childForFieldName('attribute')?.text;
          const args = children(x.childForFieldName('arguments') ?? x);
          const key = stringValue(args[0]);
          if ((method === 'get' || method === 'pop') && key !== undefined) {
            out.push({ key, node: x, ...(args[1] ? { fallback: args[1] } : {}) });
            continue;
          }
        }
      }
      if (x.type === 'subscript' && this.configVars.has(x.childForFieldName('value')?.text ?? '')) {
        const key = stringValue(x.childForFieldName('subscript'));
        if (key !== undefined) {
          out.push({ key, node: x });
          continue;
        }
      }
      if (x.type === 'identifier' && this.derived.has(x.text)) {
        out.push({ key: this.derived.get(x.text) as string, node: x });
        continue;
      }
      const kids = children(x);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return out;
  }

  /** The JSON types a YAML value must have, judging by how the code uses it. */
  private usageType(read: KeyRead): SettingType | undefined {
    const parent = read.node.parent;
    const nullableFallback = !read.fallback || read.fallback.type === 'none';
    const mk = (types: JsonType[]): SettingType => ({ kind: 'json', types, nullable: nullableFallback, from: 'yaml-usage' });
    if (parent?.type === 'attribute') {
      const method = parent.childForFieldName('attribute')?.text;
      if (method === 'split' || method === 'strip' || method === 'lower') return mk(['string']);
      if (method === 'items' || method === 'keys' || method === 'values') return mk(['object']);
    }
    if (parent?.type === 'dictionary_splat') return mk(['object']);
    // A literal fallback (`.get('ADDL_INSTALLED_APPS', [])`) says more than iterating over the value.
    if (read.fallback) {
      const f = this.evaluate(read.fallback);
      if (f.type.kind === 'json') return { ...f.type, nullable: f.type.nullable, from: 'yaml-usage' };
    }
    if (parent?.type === 'for_in_clause' || (parent?.type === 'for_statement' && parent.childForFieldName('right')?.id === read.node.id)) return mk(['array', 'object']);
    return undefined;
  }

  /** Makes sure a YAML-only key exists in the catalog, typed by its usage. */
  private ensureKey(read: KeyRead, ctx: StatementContext, stmt: Node): void {
    if (this.builder.has(read.key)) return;
    const type = this.usageType(read) ?? { kind: 'unknown', types: [], nullable: true, from: 'none' };
    // `C.get('K')` defaults to None; `C['K']` has no default at all (a missing key is an error).
    const subscript = read.node.type === 'subscript';
    let value: JsonValue | undefined;
    if (read.fallback) value = this.evaluate(read.fallback).value;
    else value = subscript ? undefined : null;
    const ev: EvaluatedValue = { type, reads: [], ...(value !== undefined ? { value } : {}) };
    this.builder.assign(read.key, ev, this.origin(read.node, ctx), read.fallback?.text ?? (subscript ? undefined : 'None'), undefined);
    void stmt;
  }

  private analyseIf(stmt: Node, ctx: StatementContext): void {
    const condition = stmt.childForFieldName('condition');
    const condReads = condition ? this.readsIn(condition) : [];
    for (const r of condReads) {
      this.ensureKey(r, ctx, stmt);
      const line = r.node.startPosition.row + 1 + ctx.lineOffset;
      this.conditionalRole(r.key, ctx, line);
      this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file });
    }
    // Each branch's guard gates the reads inside it (`if ENABLE_X or ENABLE_Y:`).
    for (const { body, guard } of ifBranches(stmt, this.isFeaturesProxy())) {
      if (body) for (const s of children(body)) this.onStatement(s, { ...ctx, conditions: [...ctx.conditions, guard] });
    }
  }

  private conditionalRole(key: string, ctx: StatementContext, line: number): void {
    // Only conditions on settings, none of them unknown, can be judged from the YAML file.
    const judged = ctx.conditions.filter((g) => g.condition !== undefined && settingsOnly(g.condition, (name) => this.builder.has(name)));
    // The outermost test of plain names joined by `or`/`and` gives the role, as before conditions
    // were data; the forms admitted since (`not`, parentheses, `FEATURES['X']`, `settings.X`,
    // `elif`/`else` branches) only give one where no such test encloses the read.
    const guard = judged.find((g) => PLAIN_NAMES.test(g.text)) ?? judged[0];
    if (guard?.condition) this.addRole(key, { kind: 'conditional', condition: guard.condition, line, file: ctx.file });
  }

  /** Analyses one statement after the YAML load. */
  private analyse(stmt: Node, ctx: StatementContext): void {
    const line = stmt.startPosition.row + 1 + ctx.lineOffset;
    if (stmt.type === 'for_statement') {
      this.analyseFor(stmt, ctx, line);
      return;
    }
    if (stmt.type !== 'expression_statement') return;
    const expr = children(stmt)[0];
    if (!expr) return;
    if (expr.type === 'call' && /^vars\(\)\.update$/.test(calleeName(expr))) {
      this.analyseVarsUpdate(expr, ctx, line);
      return;
    }
    const reads = this.readsIn(expr);
    for (const r of reads) {
      this.ensureKey(r, ctx, stmt);
      this.conditionalRole(r.key, ctx, line);
      const t = this.usageType(r);
      if (t && t.from === 'yaml-usage' && (t.types.includes('array') && t.types.includes('object'))) this.builder.setYamlType(r.key, t);
    }
    if (expr.type === 'assignment') this.analyseAssignment(expr, reads, ctx, line);
    else if (expr.type === 'augmented_assignment') this.analyseAugmented(expr, reads, ctx, line);
    else if (expr.type === 'call') this.analyseCall(expr, reads, ctx, line);
  }

  private analyseVarsUpdate(call: Node, ctx: StatementContext, line: number): void {
    this.loaded = true;
    const arg = children(call.childForFieldName('arguments') ?? call)[0];
    if (!arg) return;
    if (arg.type === 'dictionary_comprehension') {
      const cond = arg.descendantsOfType('if_clause')[0];
      if (cond && /not\s+in/.test(cond.text)) this.excluded = settingNamesIn(cond, ctx);
      return;
    }
    const name = arg.type === 'identifier' ? arg.text : undefined;
    if (name && this.configVars.has(name)) return;
    // `vars().update(FILE_STORAGE_BACKEND)`: the keys of that dict become settings.
    const key = name ? (this.derived.get(name) ?? name) : undefined;
    if (key && SETTING_NAME.test(key)) this.addRole(key, { kind: 'spread', line, file: ctx.file });
  }

  private analyseFor(stmt: Node, ctx: StatementContext, line: number): void {
    const iterable = stmt.childForFieldName('right');
    const body = stmt.childForFieldName('body');
    const reads = iterable ? this.readsIn(iterable) : [];
    for (const r of reads) {
      this.ensureKey(r, ctx, stmt);
      this.conditionalRole(r.key, ctx, line);
      const bodyText = body?.text ?? '';
      const append = /([A-Z][A-Z0-9_]*)\.(append|extend|insert)\(/.exec(bodyText);
      if (/FEATURES\s*\[/.test(bodyText) && !this.isFeaturesProxy()) {
        // Older platform: FEATURES is a dict, and the YAML's entries update it one by one.
        this.addRole(r.key, { kind: 'merged', depth: 'shallow', line, file: ctx.file });
      } else if (/FEATURES\s*\[/.test(bodyText)) {
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file, note: 'each entry sets the top-level setting of the same name' });
        this.addRole(r.key, { kind: 'deprecated', reason: 'FEATURES entries now set top-level settings; set them at the top level' });
      } else if (append) {
        this.addRole(r.key, { kind: 'appended', target: append[1], line, file: ctx.file });
      } else {
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file });
      }
    }
  }

  private analyseAssignment(expr: Node, reads: KeyRead[], ctx: StatementContext, line: number): void {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (!left || !right) return;
    // Aliases of the whole mapping (`ENV_TOKENS = _YAML_TOKENS`) read keys too.
    if (right.type === 'identifier' && this.configVars.has(right.text) && left.type === 'identifier') this.configVars.add(left.text);
    const target = left.type === 'identifier' ? left.text : baseName(left);
    for (const r of reads) {
      const whole = right.id === r.node.id || (right.type === 'boolean_operator' && children(right)[0]?.id === r.node.id);
      if (left.type === 'identifier' && !SETTING_NAME.test(left.text)) {
        // A helper variable holding the value: follow it.
        if (whole) this.derived.set(left.text, r.key);
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file });
      } else if (whole && r.node.type === 'identifier' && left.type === 'identifier') {
        // A compatibility alias of a helper variable (`ENV_CELERY_QUEUES = _YAML_CELERY_QUEUES`) says nothing about the key.
        continue;
      } else if (whole && left.type === 'identifier' && target !== r.key && target) {
        this.addRole(r.key, { kind: 'renamed', target, line, file: ctx.file });
      } else if (whole && target === r.key) {
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file });
        // `X = C.get('X', d)`: the comment above documents the key itself.
        const doc = docAt(ctx.comments, line, ctx.file);
        if (doc && !this.builder.get(r.key)?.doc) this.builder.document(r.key, doc);
      } else if (target && /merge/i.test(right.type === 'call' ? calleeName(right) : '')) {
        this.addRole(r.key, { kind: 'merged', depth: 'deep', line, file: ctx.file });
      } else if (target === r.key) {
        // Read and converted into the setting of the same name (`CELERY_QUEUES = {q: {} for q in …}`).
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file });
      } else if (target) {
        const verb = left.type === 'identifier' ? 'used to compute' : 'goes into';
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file, note: `${verb} ${target}` });
      }
    }
    // `K = config` after `config.update(C.get('K', {}))`: the YAML mapping merged into a copy of K's.
    const merged = left.type === 'identifier' && right.type === 'identifier' ? this.mergedInto.get(right.text) : undefined;
    if (merged !== undefined && merged.key === left.text) {
      this.addRole(merged.key, { kind: 'merged', depth: 'shallow', line: merged.line, file: merged.file });
      return;
    }
    // An unconditional assignment that ignores the setting's own value makes a YAML value useless.
    if (left.type === 'identifier' && SETTING_NAME.test(left.text) && ctx.conditions.length === 0 && this.loaded) {
      const readsItself = right.descendantsOfType('identifier').some((i) => i?.text === left.text) || right.text === left.text;
      if (!readsItself && !reads.some((r) => r.key === left.text)) {
        if (!this.builder.has(left.text)) this.builder.assign(left.text, this.evaluate(right), this.origin(left, ctx), right.text, docAt(ctx.comments, line, ctx.file));
        this.builder.addRole(left.text, { kind: 'overwritten', line, file: ctx.file });
      }
    }
    // Any other module-level UPPERCASE name assigned here (under a condition, say) is a setting too.
    if (left.type === 'identifier' && SETTING_NAME.test(left.text) && !this.builder.has(left.text)) {
      this.builder.assign(left.text, this.evaluate(right), this.origin(left, ctx), right.text, docAt(ctx.comments, line, ctx.file));
    }
  }

  private analyseAugmented(expr: Node, reads: KeyRead[], ctx: StatementContext, line: number): void {
    const target = baseName(expr.childForFieldName('left'));
    const right = expr.childForFieldName('right');
    for (const r of reads) if (target) this.addRole(r.key, { kind: 'appended', target, line, file: ctx.file });
    // `XBLOCK_MIXINS += tuple(XBLOCK_EXTRA_MIXINS)`: a YAML-only list setting appended to another.
    if (target && right && reads.length === 0) {
      for (const id of right.descendantsOfType('identifier')) {
        if (id && SETTING_NAME.test(id.text) && id.text !== target && /EXTRA|ADDL|ADDITIONAL/.test(id.text)) {
          // Defined nowhere in Python (`if 'EXTRA_APPS' in locals()`): a key only the YAML file gives.
          if (!this.builder.has(id.text)) {
            const type: SettingType = { kind: 'json', types: ['array'], nullable: false, from: 'yaml-usage' };
            this.builder.assign(id.text, { type, reads: [] }, this.origin(id, ctx), undefined, undefined);
          }
          this.addRole(id.text, { kind: 'appended', target, line, file: ctx.file });
        }
      }
    }
  }

  private analyseCall(expr: Node, reads: KeyRead[], ctx: StatementContext, line: number): void {
    const fn = expr.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const method = fn.childForFieldName('attribute')?.text;
    const object = fn.childForFieldName('object');
    const target = baseName(object);
    for (const r of reads) {
      if (!target) continue;
      if (method === 'update' && target === r.key) {
        const depth = object?.type === 'identifier' ? 'shallow' : 'one-level';
        this.addRole(r.key, { kind: 'merged', depth, line, file: ctx.file });
      } else if (method === 'update' && object?.type === 'identifier' && !SETTING_NAME.test(target)) {
        // A helper holding a copy of the setting: what it becomes is told where it is assigned back.
        this.mergedInto.set(target, { key: r.key, line, file: ctx.file });
      } else if (method === 'extend' || method === 'append' || method === 'insert') {
        this.addRole(r.key, { kind: 'appended', target, line, file: ctx.file });
      } else {
        this.addRole(r.key, { kind: 'yaml-only', line, file: ctx.file, note: `goes into ${target}` });
      }
    }
  }
}
