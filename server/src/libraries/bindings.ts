/**
 * What a module's imports bind: the names of Django's settings object (`from django.conf import
 * settings as s`), names bound to modules (`import django.conf`, `from django import conf`), and
 * names imported from other modules (`from storages.utils import setting`), by their dotted
 * target. Imports anywhere in the module count (many libraries import `settings` inside the
 * function that reads it).
 */
import type { PyNode } from '../python/syntaxTree';

/** Django's settings object, as a dotted name. */
const DJANGO_SETTINGS = 'django.conf.settings';

/** Where the module is, to resolve its relative imports. */
export interface ModulePlace {
  /** Dotted module name (`storages.backends.s3boto3`; a package's `__init__.py` is the package). */
  module: string;
  /** Whether the file is a package's `__init__.py`. */
  isPackage: boolean;
}

/** The names a module's imports bind. */
export interface ModuleBindings {
  /** Local names of Django's settings object. */
  settings: Set<string>;
  /** Local names bound to modules, by dotted module name (`django` → `django`, `c` → `django.conf`). */
  modules: Map<string, string>;
  /** Local names imported from modules, by dotted name (`setting` → `storages.utils.setting`). */
  imported: Map<string, string>;
}

/** The dotted module of a file: `a/b/c.py` → `a.b.c`, `a/b/__init__.py` → `a.b`. */
export function modulePlace(file: string): ModulePlace {
  const parts = file.replace(/\.py$/, '').split('/');
  const isPackage = parts[parts.length - 1] === '__init__';
  if (isPackage) parts.pop();
  return { module: parts.join('.'), isPackage };
}

/** The module a `from ... import` names, relative imports resolved against `place`; undefined when it climbs above the top. */
function fromModule(node: PyNode, place: ModulePlace): string | undefined {
  const moduleName = node.childForFieldName('module_name');
  if (moduleName === null) return undefined;
  if (moduleName.type !== 'relative_import') return moduleName.text.replace(/\s+/g, '');
  const prefix = moduleName.namedChildren.find((c) => c.type === 'import_prefix')?.text ?? '.';
  const rest = moduleName.namedChildren.find((c) => c.type === 'dotted_name')?.text.replace(/\s+/g, '');
  const base = place.module.split('.');
  if (!place.isPackage) base.pop();
  for (let i = 1; i < prefix.length; i++) {
    if (base.length === 0) return undefined;
    base.pop();
  }
  if (rest !== undefined) base.push(rest);
  return base.length > 0 ? base.join('.') : undefined;
}

/** `(name, alias)` of an imported name: a `dotted_name`, or an `aliased_import`. */
function nameAndAlias(node: PyNode): { name: string; alias: string } | undefined {
  if (node.type === 'dotted_name') {
    const name = node.text.replace(/\s+/g, '');
    return { name, alias: name };
  }
  if (node.type === 'aliased_import') {
    const name = node.childForFieldName('name')?.text.replace(/\s+/g, '');
    const alias = node.childForFieldName('alias')?.text;
    if (name !== undefined && alias !== undefined) return { name, alias };
  }
  return undefined;
}

/** Reads every import statement of the module. */
export function readBindings(root: PyNode, place: ModulePlace): ModuleBindings {
  const out: ModuleBindings = { settings: new Set(), modules: new Map(), imported: new Map() };
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (node.type === 'import_statement') {
      for (const n of node.childrenForFieldName('name')) {
        const na = nameAndAlias(n);
        if (na === undefined) continue;
        // `import a.b.c` binds `a`; `import a.b as c` binds `c` to `a.b`.
        if (n.type === 'aliased_import') out.modules.set(na.alias, na.name);
        else out.modules.set(na.name.split('.')[0], na.name.split('.')[0]);
      }
      continue;
    }
    const from = fromModule(node, place);
    if (from === undefined) continue;
    for (const n of node.childrenForFieldName('name')) {
      const na = nameAndAlias(n);
      if (na === undefined) continue;
      const full = `${from}.${na.name}`;
      if (full === DJANGO_SETTINGS) out.settings.add(na.alias);
      // `from django import conf` binds a module; so may any `from package import module`.
      out.modules.set(na.alias, full);
      out.imported.set(na.alias, full);
    }
  }
  return out;
}

/** The dotted name an expression stands for through the module bindings (`conf.settings` → `django.conf.settings`), or undefined. */
export function dottedName(node: PyNode, bindings: ModuleBindings): string | undefined {
  // Down the chain of attributes without recursion: hostile code may chain thousands.
  const attributes: string[] = [];
  let at: PyNode = node;
  while (at.type === 'attribute' && attributes.length <= MAX_CHAIN) {
    const object = at.childForFieldName('object');
    const attribute = at.childForFieldName('attribute');
    if (object === null || attribute === null) return undefined;
    attributes.push(attribute.text);
    at = object;
  }
  if (at.type !== 'identifier') return undefined;
  const base = bindings.modules.get(at.text);
  return base === undefined ? undefined : [base, ...attributes.reverse()].join('.');
}

/** Longest chain of attributes read as a dotted name (`a.b.c` is two). */
const MAX_CHAIN = 16;

/**
 * Whether an expression is Django's settings object: a name bound to it (unless `shadowed`: a
 * parameter of the enclosing function has its name) or `django.conf.settings` through bound modules.
 */
export function isSettingsObject(node: PyNode, bindings: ModuleBindings, shadowed: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return bindings.settings.has(node.text) && !shadowed.has(node.text);
  return node.type === 'attribute' && dottedName(node, bindings) === DJANGO_SETTINGS;
}
