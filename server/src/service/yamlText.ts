/**
 * Values written as YAML, for defaults in hover and completion, and snippet bodies. YAML 1.1
 * stringification quotes strings PyYAML would read otherwise (`'yes'`, `'0777'`).
 */
import { stringify } from 'yaml';
import type { JsonValue } from '../catalog/types';

const MAX_LINES = 20;

/** `value` as YAML (block style), at most {@link MAX_LINES} lines. */
export function toYaml(value: JsonValue): string {
  let text: string;
  try {
    text = stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
  } catch {
    text = JSON.stringify(value);
  }
  const lines = text.split('\n');
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), '# …'].join('\n') : text;
}

/** `value` on one line (flow style), for value completions and short details. */
export function toFlowYaml(value: JsonValue): string {
  try {
    return stringify(value, { version: '1.1', lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
  } catch {
    return JSON.stringify(value);
  }
}

/** `KEY: value`, the value in block style under the key when it is a collection. */
export function keyValueYaml(key: string, value: JsonValue): string {
  const body = toYaml(value);
  const isCollection = typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
  return isCollection ? `${key}:\n${indent(body, '  ')}` : `${key}: ${body}`;
}

/** Indents every non-empty line. */
export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');
}

/** Escapes text for an LSP snippet (`$`, `}` and `\` are special). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
