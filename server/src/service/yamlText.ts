/**
 * Values written as YAML, for defaults in hover and completion, snippet bodies and quick fixes:
 * `yaml`'s own stringifier in YAML 1.1 mode, which quotes strings PyYAML would read as something
 * else (`'yes'`, `'0777'`, `'null'`) and indents block scalars, plus what it does not know of PyYAML:
 * `=` and `<<` are tags of their own there (value, merge), a tab ends a plain scalar, NEL, U+2028 and
 * U+2029 are line breaks, and C1 controls are refused unless escaped.
 */
import { Document, Scalar, visit, type CreateNodeOptions, type DocumentOptions, type SchemaOptions, type ToStringOptions } from 'yaml';
import type { JsonValue } from '../catalog/types';

const MAX_LINES = 20;

/** Strings `yaml` would write plain or raw but PyYAML must read from double quotes with escapes. */
const NEEDS_ESCAPES = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/;
/** Characters `yaml` leaves raw inside double quotes that PyYAML reads as line breaks or refuses. */
const RAW_IN_DOUBLE_QUOTES = /[\x7f-\x9f\u2028\u2029]/g;
/** Plain scalars PyYAML resolves to tags its safe loader cannot construct. */
const PYYAML_TAGGED = new Set(['=', '<<']);

const OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions = { version: '1.1' };

/** `value` as YAML PyYAML reads back as `value` (no line limit). `flow` writes collections on one line. */
function pyyamlText(value: unknown, flow: boolean): string {
  const doc = new Document(value, OPTIONS);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'number') {
        // `1e-7`: YAML 1.1 floats need a dot, so PyYAML reads it as a string; `!!float` makes it a number.
        if (/^-?\d+e/.test(String(node.value))) node.tag = '!!float';
        return;
      }
      if (typeof node.value !== 'string') return;
      if (NEEDS_ESCAPES.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      // `yaml` writes `<<` plain whatever its type (a merge key to it); the tag makes it a string.
      else if (PYYAML_TAGGED.has(node.value)) node.tag = '!!str';
    },
  });
  const options: ToStringOptions = flow ? { lineWidth: 0, collectionStyle: 'flow' } : { lineWidth: 0 };
  // Only the final line break goes: a kept block scalar (`|+`) ends with blank lines that are its value.
  // Every string holding such a character was double-quoted above, so each one sits in double quotes.
  return doc.toString(options).replace(/\n$/, '').replace(RAW_IN_DOUBLE_QUOTES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `value` as YAML (block style), at most {@link MAX_LINES} lines. */
export function toYaml(value: JsonValue): string {
  let text: string;
  try {
    text = pyyamlText(value, false);
  } catch {
    text = JSON.stringify(value);
  }
  return clip(text);
}

function clip(text: string): string {
  const lines = text.split('\n');
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), '# …'].join('\n') : text;
}

/** `value` on one line (flow style), for value completions and short details. */
export function toFlowYaml(value: JsonValue): string {
  try {
    return pyyamlText(value, true);
  } catch {
    return JSON.stringify(value);
  }
}

/**
 * `KEY: value` as YAML that PyYAML loads as `{KEY: value}`, whole (for edits): key and value
 * written together by the stringifier, so a multi-line string becomes a block scalar indented
 * under its key and a collection is nested under it.
 */
export function entryYaml(key: string, value: JsonValue): string {
  // A plain object, not a Map: YAML 1.1 writes a Map as `!!omap`. (A computed key is an own
  // property even when it is `__proto__`.)
  return pyyamlText({ [key]: value }, false);
}

/** {@link entryYaml}, at most {@link MAX_LINES} lines (for display). */
export function keyValueYaml(key: string, value: JsonValue): string {
  let text: string;
  try {
    text = entryYaml(key, value);
  } catch {
    text = `${key}: ${JSON.stringify(value)}`;
  }
  return clip(text);
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
