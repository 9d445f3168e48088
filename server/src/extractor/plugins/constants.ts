/**
 * The edx-django-utils plugin framework's names, as plugin apps and settings modules write them:
 * the project types (entry point groups), the settings types, and the keys of an app's
 * `plugin_app` dict. Code names them through constant classes (`ProjectType.LMS`,
 * `SettingsType.COMMON`, `PluginSettings.RELATIVE_PATH`, possibly behind a module alias) or as
 * the strings those constants hold; both read the same here.
 */
import { CMS_PROJECT, LMS_PROJECT } from '../../catalog/pluginProjects';
import type { PyNode as Node } from '../../python/syntaxTree';
import { decodeStringLiteral } from '../../python/strings';

export { CMS_PROJECT, LMS_PROJECT };

/** `PluginSettings.CONFIG`: the key of an app's settings configuration in `plugin_app`. */
export const SETTINGS_CONFIG = 'settings_config';
/** `PluginSettings.RELATIVE_PATH`. */
export const RELATIVE_PATH = 'relative_path';
/** `PluginSettings.DEFAULT_RELATIVE_PATH`: the settings module of an app whose entry names no path. */
export const DEFAULT_RELATIVE_PATH = 'settings';

/** The framework's constant classes and what their attributes stand for. */
const CONSTANTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ProjectType: { LMS: LMS_PROJECT, CMS: CMS_PROJECT },
  // Settings types are their names in lower case (`SettingsType.AWS` in older releases too).
  SettingsType: {},
  PluginSettings: { CONFIG: SETTINGS_CONFIG, RELATIVE_PATH: RELATIVE_PATH, DEFAULT_RELATIVE_PATH },
  PluginURLs: { CONFIG: 'url_config' },
  PluginSignals: { CONFIG: 'signals_config' },
  PluginContexts: { CONFIG: 'view_context_config' },
};

/**
 * The string a framework constant or a string literal stands for: `ProjectType.LMS` (also
 * `constants.ProjectType.LMS`) → `lms.djangoapp`, `SettingsType.PRODUCTION` → `production`,
 * `'common'` → `common`; undefined for anything else.
 */
export function frameworkString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return decodeStringLiteral(node.text)?.value;
  if (node.type !== 'attribute') return undefined;
  const attribute = node.childForFieldName('attribute')?.text;
  const object = node.childForFieldName('object');
  // `ProjectType` or `module.ProjectType`: the class is the last name of the object.
  const className = object?.type === 'identifier' ? object.text : object?.type === 'attribute' ? object.childForFieldName('attribute')?.text : undefined;
  if (attribute === undefined || className === undefined) return undefined;
  const table = CONSTANTS[className];
  if (table === undefined) return undefined;
  if (className === 'SettingsType') return /^[A-Z][A-Z0-9_]*$/.test(attribute) ? attribute.toLowerCase() : undefined;
  return Object.hasOwn(table, attribute) ? table[attribute] : undefined;
}
