/**
 * Hyperlink targets (`.. _name: https://…`) of a document, collected before rendering because
 * references (`` `name`_ ``) may come before their target.
 */
import type { SourceLine } from './lines';

/** `.. _name: value` or `` .. _`name with: colon`: value `` at any indentation. */
const TARGET = /^ *\.\. _(`[^`]+`|[^`:][^:]*):(?: +(\S.*))?$/;

/** How many aliases (`.. _a: b_`) are followed before giving up: a cycle must end. */
const MAX_ALIAS_HOPS = 8;

/** Reference names match case-insensitively with runs of whitespace as one space. */
export function normalizeReferenceName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The external targets of `lines` by normalized name: the value is a URL, or another target's
 * name ending in `_` (an alias). Internal targets (`.. _label:`, no value) are no links here.
 */
export function collectTargets(lines: readonly SourceLine[]): Map<string, string> {
  const targets = new Map<string, string>();
  for (const { text } of lines) {
    if (!text.includes('.. _')) continue;
    const m = TARGET.exec(text);
    if (m === null || m[2] === undefined) continue;
    const name = normalizeReferenceName(m[1].replace(/^`|`$/g, ''));
    if (name !== '' && name !== '_' && !targets.has(name)) targets.set(name, m[2].trim());
  }
  return targets;
}

/** The URL a reference name leads to, through aliases; undefined when unknown or circular. */
export function resolveTarget(targets: ReadonlyMap<string, string>, name: string): string | undefined {
  let key = normalizeReferenceName(name);
  for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop++) {
    const value = targets.get(key);
    if (value === undefined) return undefined;
    if (!value.endsWith('_') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
    key = normalizeReferenceName(value.slice(0, -1).replace(/^`|`$/g, ''));
  }
  return undefined;
}

/** Only links a reader can follow safely: web and mail addresses, never `javascript:`, `data:` or `command:`. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)\S+$/i.test(url);
}
