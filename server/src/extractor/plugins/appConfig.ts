/**
 * What a plugin app's `apps.py` tells about its settings: each `AppConfig` class's `name` (the
 * Django app's package) and its `plugin_app` dict's `settings_config`, per project type and
 * settings type, read from the syntax tree as literals. Nothing is run: a `plugin_app` built by
 * code is reported as unreadable, and its settings modules are then found by convention.
 */
import type { PyNode as Node } from '../../python/syntaxTree';
import { decodeStringLiteral } from '../../python/strings';
import { lastAssignments } from './assignments';
import { DEFAULT_RELATIVE_PATH, frameworkString, RELATIVE_PATH, SETTINGS_CONFIG } from './constants';

/** Where one settings type of one project type is: a module path relative to the app's package, or not statically known. */
export type SettingsEntry = { relativePath: string } | 'unreadable';

/** An app's `settings_config`: project type → settings type → entry; `unreadable` where it is not literal. */
export type SettingsConfig = ReadonlyMap<string, ReadonlyMap<string, SettingsEntry> | 'unreadable'> | 'unreadable';

/** One `AppConfig` class of an `apps.py`. */
export interface AppConfigFacts {
  /** 1-based line of the class statement. */
  line: number;
  /** The class's `name = '…'` (the Django app's dotted package), when it is a literal. */
  name?: string;
  /**
   * The `plugin_app` attribute: absent (not a plugin's settings), unreadable (not a literal
   * dict), or read; `settingsConfig` is undefined when `plugin_app` has no `settings_config`.
   */
  pluginApp: 'absent' | 'unreadable' | { line: number; settingsConfig?: SettingsConfig };
}

/** A dict literal's pairs by key (framework constants and strings), and whether every key was one. */
interface DictPairs {
  pairs: Map<string, Node>;
  /** False when some entry's key is not known (`**other`, another constant): what it holds is not known. */
  complete: boolean;
}

/** The pairs of a dict literal (or of the module-level name holding one); undefined when it is not one. */
function dictPairs(node: Node | null | undefined, names: ReadonlyMap<string, Node>): DictPairs | undefined {
  const dict = node?.type === 'identifier' ? names.get(node.text) : node;
  if (dict?.type !== 'dictionary') return undefined;
  const pairs = new Map<string, Node>();
  let complete = true;
  for (const child of dict.namedChildren) {
    if (child.type === 'comment') continue;
    const key = child.type === 'pair' ? frameworkString(child.childForFieldName('key')) : undefined;
    const value = child.childForFieldName('value');
    if (key === undefined || !value) complete = false;
    else pairs.set(key, value);
  }
  return { pairs, complete };
}

/** A dict whose keys are all known, or undefined. */
function completePairs(node: Node | null | undefined, names: ReadonlyMap<string, Node>): Map<string, Node> | undefined {
  const dict = dictPairs(node, names);
  return dict?.complete ? dict.pairs : undefined;
}

/** One settings type's entry: `{PluginSettings.RELATIVE_PATH: 'settings.common'}` (the default path when the key is absent). */
function settingsEntry(node: Node, names: ReadonlyMap<string, Node>): SettingsEntry {
  const pairs = completePairs(node, names);
  if (pairs === undefined) return 'unreadable';
  const path = pairs.get(RELATIVE_PATH);
  if (path === undefined) return { relativePath: DEFAULT_RELATIVE_PATH };
  const value = path.type === 'string' ? decodeStringLiteral(path.text)?.value : undefined;
  return value !== undefined && /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(value) ? { relativePath: value } : 'unreadable';
}

function settingsConfig(node: Node, names: ReadonlyMap<string, Node>): SettingsConfig {
  const projects = completePairs(node, names);
  if (projects === undefined) return 'unreadable';
  const out = new Map<string, ReadonlyMap<string, SettingsEntry> | 'unreadable'>();
  for (const [project, value] of projects) {
    const types = completePairs(value, names);
    out.set(project, types === undefined ? 'unreadable' : new Map([...types].map(([type, entry]) => [type, settingsEntry(entry, names)])));
  }
  return out;
}

/** The module-level classes of an `apps.py`, by class name (the last definition of each). */
export function readAppConfigs(root: Node): Map<string, AppConfigFacts> {
  const names = lastAssignments(root);
  const out = new Map<string, AppConfigFacts>();
  for (const stmt of root.namedChildren) {
    const cls = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (cls?.type !== 'class_definition') continue;
    const className = cls.childForFieldName('name')?.text;
    const body = cls.childForFieldName('body');
    if (!className || !body) continue;
    const attributes = lastAssignments(body);
    const nameNode = attributes.get('name');
    const name = nameNode?.type === 'string' ? decodeStringLiteral(nameNode.text)?.value : undefined;
    const pluginNode = attributes.get('plugin_app');
    let pluginApp: AppConfigFacts['pluginApp'] = 'absent';
    if (pluginNode) {
      const dict = dictPairs(pluginNode, names);
      const line = pluginNode.startPosition.row + 1;
      const config = dict?.pairs.get(SETTINGS_CONFIG);
      // Other keys (URLs, signals) may be written any way; an unknown key may be the settings'.
      if (config !== undefined) pluginApp = { line, settingsConfig: settingsConfig(config, names) };
      else pluginApp = dict?.complete ? { line } : 'unreadable';
    }
    out.set(className, { line: stmt.startPosition.row + 1, ...(name !== undefined ? { name } : {}), pluginApp });
  }
  return out;
}

/**
 * Where an app keeps the settings of one project type and settings type, as the framework finds
 * them: the app's `settings_config` entry (`relative_path`, `settings` by default), none when
 * the entry is absent, or `convention` when the configuration cannot be read statically.
 */
export function settingsModuleOf(app: AppConfigFacts, projectType: string, settingsType: string): { relativePath: string } | 'none' | 'convention' {
  const plugin = app.pluginApp;
  if (plugin === 'absent') return 'none';
  if (plugin === 'unreadable') return 'convention';
  const config = plugin.settingsConfig;
  if (config === undefined) return 'none';
  if (config === 'unreadable') return 'convention';
  const types = config.get(projectType);
  if (types === undefined) return 'none';
  if (types === 'unreadable') return 'convention';
  const entry = types.get(settingsType);
  if (entry === undefined) return 'none';
  return entry === 'unreadable' ? 'convention' : entry;
}
