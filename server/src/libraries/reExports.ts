/**
 * Names a package's `__init__.py` imports from its own modules (`from .internal.setting_toggle
 * import SettingToggle` in `edx_toggles/toggles/__init__.py`): code imports them from the package
 * (`from edx_toggles.toggles import SettingToggle`), so a call through such a name is a call of
 * its target, followed when helpers are resolved (`libraryCatalog.ts`).
 */
import type { PyNode } from '../python/syntaxTree';
import type { ModuleBindings } from './bindings';
import type { ReExport } from './facts';

/** The re-exports of a package's `__init__.py` (top-level `from … import` of the same top-level package), at most `max`. */
export function reExports(root: PyNode, module: string, bindings: ModuleBindings, max: number): ReExport[] {
  const out: ReExport[] = [];
  const top = `${module.split('.')[0]}.`;
  for (const statement of root.namedChildren) {
    if (statement.type !== 'import_from_statement') continue;
    for (const n of statement.childrenForFieldName('name')) {
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text.replace(/\s+/g, '');
      const target = alias === undefined ? undefined : bindings.imported.get(alias);
      if (alias === undefined || target === undefined || !target.startsWith(top) || alias.includes('.')) continue;
      if (out.length >= max) return out;
      out.push({ kind: 'alias', name: `${module}.${alias}`, target });
    }
  }
  return out;
}
