/**
 * Quick fixes, read from the data this service attaches to its diagnostics:
 * insert every missing required key (with its default or a placeholder), replace an unknown key
 * with the suggested one, and fix a scalar's type (unquote `"true"`, quote `on`).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { JsonValue } from '../catalog/types';
import type { IdaSchema, PropertySchema } from '../schema/format';
import type { YamlModel } from '../yaml';
import { isRuleId } from './rules';
import { isSecretName, schemaIndex } from './schemaIndex';
import type { DiagnosticData } from './types';
import { DIAGNOSTIC_SOURCE } from './validate';
import { entryYaml } from './yamlText';

/** Quick fixes for `diagnostics`. */
export function codeActionsFor(model: YamlModel, _range: Range, diagnostics: readonly Diagnostic[], schema: IdaSchema | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = dataOf(diagnostic);
    if (data === undefined) continue;
    if (data.rule === 'missing-required' && data.missing !== undefined && data.missing.length > 0 && data.key === undefined) {
      actions.push(action(model, `Insert the missing required ${data.missing.length === 1 ? 'setting' : 'settings'} ${data.missing.map((k) => `\`${k}\``).join(', ')}`, diagnostic, [insertAtEnd(model, data.missing, schema)], true));
    } else if (data.rule === 'unknown-key' && data.suggestion !== undefined) {
      actions.push(action(model, `Change to \`${data.suggestion}\``, diagnostic, [{ range: diagnostic.range, newText: data.suggestion }], true));
    } else if (data.rule === 'type-mismatch' && data.fix !== undefined) {
      actions.push(action(model, data.fix.title, diagnostic, [{ range: diagnostic.range, newText: data.fix.newText }], true));
    }
  }
  return actions;
}

function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data === undefined || typeof data !== 'object' || typeof data.rule !== 'string' || !isRuleId(data.rule)) return undefined;
  return data as DiagnosticData;
}

function action(model: YamlModel, title: string, diagnostic: Diagnostic, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [model.uri]: edits } } };
}

/** Appends `KEY: value` lines for `keys` at the end of the document. */
function insertAtEnd(model: YamlModel, keys: readonly string[], schema: IdaSchema | undefined): TextEdit {
  const index = schema === undefined ? undefined : schemaIndex(schema);
  const lines = keys.map((key) => entryYaml(key, placeholder(key, index?.property(key))));
  const end = model.lines.positionAt(model.text.length);
  const needsBreak = model.text.length > 0 && !/[\r\n]$/.test(model.text);
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: end, end }, newText: `${needsBreak ? eol : ''}${lines.join('\n').split('\n').join(eol)}${eol}` };
}

/** The default when it is a usable value (never for secrets), else an empty value of the right type. */
function placeholder(key: string, prop: PropertySchema | undefined): JsonValue {
  if (prop?.default !== undefined && prop.default !== null && !isSecretName(key)) return prop.default;
  const types = prop?.type === undefined ? [] : Array.isArray(prop.type) ? prop.type : [prop.type];
  if (types.includes('string') || types.length === 0) return '';
  if (types.includes('integer') || types.includes('number')) return 0;
  if (types.includes('boolean')) return false;
  if (types.includes('object')) return {};
  if (types.includes('array')) return [];
  return '';
}
