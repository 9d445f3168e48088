/**
 * What an installed plugin app's production settings do to the keys of the YAML file. The
 * platform runs production plugin settings (`add_plugins(__name__, ProjectType.LMS,
 * SettingsType.PRODUCTION)`) after it has loaded the file, so an assignment there that ignores the
 * key's own value and never reads the key from the file makes the file's value useless: the same
 * rule as for the platform's own `production.py` (`extractor/yamlLoading.ts`), read here by shape.
 * Only statements that always run count: those directly in the body of `plugin_settings(settings)`
 * before any statement that may leave it (`if not …: return`), and those of the functions it calls
 * with the settings object (a production module running its common settings again,
 * `common_plugin_settings(settings)`, or importing their function as its own), followed through imports.
 */
import type { ExtractionProblem } from '../catalog/types';
import { CMS_PROJECT, LMS_PROJECT } from '../catalog/pluginProjects';
import { moduleFile, pluginSettingsModules, type DiscoveryFiles, type EntryPointSource } from '../extractor/plugins/discovery';
import { lastModuleFunction } from '../extractor/plugins/pluginBody';
import type { PyNode } from '../python/syntaxTree';
import { decodeStringLiteral } from '../python/strings';
import { modulePlace, readBindings } from './bindings';
import { parametersOf } from './helpers';
import { SETTING_NAME } from './scanModule';

/** An unconditional assignment, after the YAML is loaded, of a setting the file may give. */
export interface PluginOverwrite {
  name: string;
  /** POSIX path of the module that assigns it. */
  file: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** How the modules a body calls into are found. */
export interface OverwriteFiles {
  exists(file: string): boolean;
  /** The module's syntax tree; undefined when it cannot be read. */
  parse(file: string): { root: PyNode } | undefined;
}

/** The function the plugin framework calls. */
const PLUGIN_FUNCTION = 'plugin_settings';

/** Calls followed from one body into another: production → common → a helper is as deep as plugins go. */
const MAX_DEPTH = 4;

/** Most nodes looked at per right-hand side: a hostile module's statement may hold a million. */
const MAX_NODES = 10_000;

/**
 * The names an expression can take its value from: setting-like string literals (`'X'` in
 * `getattr(settings, 'X', d)` or `settings.ENV_TOKENS.get('X')`), attributes of the settings
 * object (`settings.X`), and what the local names it uses took theirs from.
 */
function mentions(node: PyNode, param: string, locals: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  const stack: PyNode[] = [node];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const n = stack.pop() as PyNode;
    if (n.type === 'string') {
      const value = decodeStringLiteral(n.text)?.value;
      if (value !== undefined && SETTING_NAME.test(value)) out.add(value);
      continue;
    }
    if (n.type === 'attribute' && n.childForFieldName('object')?.text === param) {
      const name = n.childForFieldName('attribute')?.text;
      if (name !== undefined) out.add(name);
    } else if (n.type === 'identifier') {
      for (const m of locals.get(n.text) ?? []) out.add(m);
    }
    for (const c of n.namedChildren) stack.push(c);
  }
  return out;
}

/** The settings object's attribute a target names (`settings.X` → `X`), when it is a setting's name. */
function settingTarget(left: PyNode | null, param: string): string | undefined {
  if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== param) return undefined;
  const name = left.childForFieldName('attribute')?.text;
  return name !== undefined && SETTING_NAME.test(name) ? name : undefined;
}

/**
 * What every local name of a body may hold, in statement order: `tokens = settings.ENV_TOKENS`,
 * then `value = tokens.get('X')` holds `X`. Assignments at any depth count (a conditional one may
 * still hold the key), which can only keep an assignment from counting as an overwrite.
 */
function localMentions(body: PyNode, param: string): Map<string, Set<string>> {
  const locals = new Map<string, Set<string>>();
  for (const assignment of body.descendantsOfType('assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || right === null || left.text === param) continue;
    const held = locals.get(left.text) ?? new Set<string>();
    for (const m of mentions(right, param, locals)) held.add(m);
    locals.set(left.text, held);
  }
  return locals;
}

/** Where the walk is: the module, its tree, and the functions already followed. */
interface Walk {
  files: OverwriteFiles;
  seen: Set<string>;
  out: PluginOverwrite[];
}

/** The overwrites of one function of a module called with the settings object, and of what it calls. */
function functionOverwrites(file: string, root: PyNode, name: string, depth: number, walk: Walk): void {
  const key = `${file}\u0000${name}`;
  if (walk.seen.has(key) || depth > MAX_DEPTH) return;
  walk.seen.add(key);
  const def = lastModuleFunction(root, name);
  let bindings: ReturnType<typeof readBindings> | undefined;
  /** Follows a function the module imports (`from .common import plugin_settings`): it runs as if defined here. */
  const followImport = (local: string): void => {
    bindings ??= readBindings(root, modulePlace(file));
    const target = bindings.imported.get(local);
    if (target === undefined) return;
    const at = target.lastIndexOf('.');
    const calledFile = moduleFile(target.slice(0, at), walk.files);
    const called = calledFile === undefined ? undefined : walk.files.parse(calledFile);
    if (calledFile !== undefined && called !== undefined) functionOverwrites(calledFile, called.root, target.slice(at + 1), depth + 1, walk);
  };
  if (def === undefined) {
    // A production module that only re-exports the common settings' function runs it after the YAML load.
    followImport(name);
    return;
  }
  const body = def.childForFieldName('body');
  const param = [...parametersOf(def).keys()][0];
  if (body === null || param === undefined) return;
  const locals = localMentions(body, param);
  for (const statement of body.namedChildren) {
    // After `if not getattr(settings, 'ENABLE_X', False): return`, nothing runs unconditionally.
    if (mayReturn(statement)) return;
    if (statement.type !== 'expression_statement') continue;
    const expr = statement.namedChildren[0];
    if (expr?.type === 'assignment') {
      const name = settingTarget(expr.childForFieldName('left'), param);
      const right = expr.childForFieldName('right');
      // `settings.X = settings.X + […]`, `getattr(settings, 'X', d)`, `tokens.get('X')`: the key's value is kept or read.
      if (name !== undefined && right !== null && !mentions(right, param, locals).has(name)) {
        walk.out.push({ name, file, line: expr.startPosition.row + 1, column: expr.startPosition.column });
      }
      continue;
    }
    if (expr?.type !== 'call') continue;
    // `common_plugin_settings(settings)`: the called function's statements run here too.
    const fn = expr.childForFieldName('function');
    const first = expr.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
    if (fn?.type !== 'identifier' || first?.type !== 'identifier' || first.text !== param) continue;
    if (lastModuleFunction(root, fn.text) !== undefined) functionOverwrites(file, root, fn.text, depth + 1, walk);
    else followImport(fn.text);
  }
}

/** Whether a statement of a body may leave the function (a `return` or `raise` in it, outside nested functions and classes). */
function mayReturn(statement: PyNode): boolean {
  const stack: PyNode[] = [statement];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const n = stack.pop() as PyNode;
    if (n.type === 'return_statement' || n.type === 'raise_statement') return true;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    for (const c of n.namedChildren) stack.push(c);
  }
  return stack.length > 0;
}

/**
 * The keys a production plugin settings module overwrites after the YAML file is loaded, in the
 * order its `plugin_settings(settings)` runs them (each assignment once).
 * @param file the module, POSIX-relative to the folder `files` reads.
 */
export function productionOverwrites(file: string, files: OverwriteFiles): PluginOverwrite[] {
  const parsed = files.parse(file);
  if (parsed === undefined) return [];
  const walk: Walk = { files, seen: new Set(), out: [] };
  functionOverwrites(file, parsed.root, PLUGIN_FUNCTION, 0, walk);
  return walk.out;
}

/** An overwrite, and the project type whose production settings run it. */
export interface ProjectOverwrite extends PluginOverwrite {
  project: string;
}

/**
 * The overwrites of a distribution's plugin apps, for the LMS's and Studio's production settings:
 * the apps its entry points name, their production settings modules found as the framework finds
 * them (`extractor/plugins/discovery.ts`), and what each one overwrites. Discovery problems (an
 * entry point naming a module that is not there) are returned too.
 */
export function installedOverwrites(source: EntryPointSource, files: DiscoveryFiles): { overwrites: ProjectOverwrite[]; problems: ExtractionProblem[] } {
  const overwrites: ProjectOverwrite[] = [];
  const problems: ExtractionProblem[] = [];
  for (const project of [LMS_PROJECT, CMS_PROJECT]) {
    if (!source.entryPoints.some((ep) => ep.group === project)) continue;
    const found = pluginSettingsModules(source, project, 'production', files);
    problems.push(...found.problems);
    for (const module of found.modules) for (const o of productionOverwrites(module.file, files)) overwrites.push({ ...o, project });
  }
  return { overwrites, problems };
}
