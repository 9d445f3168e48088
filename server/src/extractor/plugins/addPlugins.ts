/**
 * Recognises the settings modules' call into the plugin framework,
 * `add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)` (in older releases
 * `plugin_settings.add_plugins(__name__, plugin_constants.ProjectType.LMS, …)`): where the
 * plugin apps' `plugin_settings(settings)` functions run, and which of them.
 */
import type { PyNode as Node } from '../../python/syntaxTree';
import { frameworkString } from './constants';

/** The project type (entry point group) and settings type an `add_plugins` call asks for. */
export interface AddPluginsCall {
  /** `lms.djangoapp`, `cms.djangoapp`, or whatever string the call names. */
  projectType: string;
  /** `common`, `production`, `devstack`, `test`, … */
  settingsType: string;
}

/** The call's arguments by position, or by the framework's parameter names. */
function argument(args: readonly Node[], index: number, keyword: string): Node | undefined {
  const named = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === keyword);
  if (named) return named.childForFieldName('value') ?? undefined;
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
  return positional[index];
}

/** The `add_plugins(...)` call a statement makes, if it is one (an expression statement holding only that call). */
export function addPluginsCall(stmt: Node): AddPluginsCall | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const call = stmt.namedChildren[0];
  if (call?.type !== 'call') return undefined;
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (name !== 'add_plugins') return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const projectType = frameworkString(argument(args, 1, 'project_type'));
  const settingsType = frameworkString(argument(args, 2, 'settings_type'));
  return projectType !== undefined && settingsType !== undefined ? { projectType, settingsType } : undefined;
}
