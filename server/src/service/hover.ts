/**
 * Hover on a key (top-level or nested, or a FEATURES entry) or its value: the setting's
 * documentation, rendered as in completion details.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { escapeMarkdownText } from '../common/markdown';
import type { IdaSchema } from '../schema/format';
import { toRange, type YamlModel } from '../yaml';
import { keyAt } from './keyAt';
import { RULES } from './rules';
import type { MarkdownRenderer } from './types';
import { schemaIndex } from './schemaIndex';
import { keepsSuggestion } from './validate';

/** Hover at `position`. */
export function hoverAt(model: YamlModel, position: Position, schema: IdaSchema | undefined, render: MarkdownRenderer): Hover | null {
  if (schema === undefined) return null;
  const found = keyAt(model, model.lines.offsetAt(position));
  if (found === undefined) return null;
  const path = [...found.path];
  while (path.length > 1 && typeof path[path.length - 1] === 'number') path.pop();
  const index = schemaIndex(schema);
  const resolved = index.resolve(path);
  const range = toRange(model, found.range);
  if (resolved === undefined) {
    if (path.length !== 1) return null;
    // Worded by the rule, with the suggestion the diagnostic on this key shows, so the two agree.
    const key = String(path[0]);
    const suggestion = index.suggest(key);
    const shown = suggestion !== undefined && keepsSuggestion(model, key, suggestion) ? { suggestion } : {};
    // Keys are quoted as code spans by the rule; the IDA name comes from the schema file and is escaped here.
    const text = RULES['unknown-key'].message({ key, ida: escapeMarkdownText(index.ida), ...shown });
    return { contents: { kind: 'markdown', value: text }, range };
  }
  const value = render(resolved.viaFeatures === undefined ? resolved.name : `FEATURES.${resolved.viaFeatures}`, resolved.prop, schema);
  return { contents: { kind: 'markdown', value }, range };
}
