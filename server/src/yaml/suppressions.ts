/**
 * Document-level reading of `# openedx-config:` directives: the modeline and where each
 * `disable` applies (see directives.ts for the rules). Memoised per model.
 */
import type { YamlModel } from './types';

/** Resolved directives of a document. */
export interface Suppressions {
  /** `ida=` from the leading comment block, if any. */
  readonly ida?: string;
  /** Rules disabled for the whole file (`*` for all). */
  readonly file: ReadonlySet<string>;
  /** Rules disabled per (0-based) line. */
  readonly lines: ReadonlyMap<number, ReadonlySet<string>>;
}

const cache = new WeakMap<YamlModel, Suppressions>();

/** The directives of `model`. */
export function suppressionsOf(model: YamlModel): Suppressions {
  let result = cache.get(model);
  if (result === undefined) {
    result = compute(model);
    cache.set(model, result);
  }
  return result;
}

/** Whether `rule` is silenced on `line`. */
export function isSuppressed(s: Suppressions, rule: string, line: number): boolean {
  if (s.file.has('*') || s.file.has(rule)) return true;
  const set = s.lines.get(line);
  return set !== undefined && (set.has('*') || set.has(rule));
}

/** The IDA named by the modeline, if any. */
export function modelineIda(model: YamlModel): string | undefined {
  return suppressionsOf(model).ida;
}

function compute(model: YamlModel): Suppressions {
  const file = new Set<string>();
  const lines = new Map<number, Set<string>>();
  let ida: string | undefined;
  let firstContent: number | undefined;
  for (let i = 0; i < model.segments.length; i++) {
    const segment = model.segments[i];
    if (segment.directives.length === 0) continue;
    firstContent ??= firstContentLine(model);
    for (const d of segment.directives) {
      const line = model.segmentLines[i] + d.line;
      const leading = !d.trailing && line < firstContent;
      if (d.ida !== undefined && leading) ida ??= d.ida;
      if (d.disable === undefined) continue;
      if (leading) {
        for (const rule of d.disable) file.add(rule);
        continue;
      }
      const target = d.trailing ? line : nextContentLine(model, line);
      let set = lines.get(target);
      if (set === undefined) lines.set(target, (set = new Set()));
      for (const rule of d.disable) set.add(rule);
    }
  }
  return ida === undefined ? { file, lines } : { ida, file, lines };
}

function firstContentLine(model: YamlModel): number {
  for (let i = 0; i < model.segments.length; i++) {
    const s = model.segments[i];
    const rel = s.root?.range?.[0] ?? s.pairs[0]?.keyRange.start;
    if (rel !== undefined) return model.lines.lineAt(model.segmentStarts[i] + rel);
  }
  return model.lines.lineCount;
}

function nextContentLine(model: YamlModel, line: number): number {
  for (let l = line + 1; l < model.lines.lineCount; l++) {
    const text = model.lines.lineText(l).trim();
    if (text !== '' && !text.startsWith('#')) return l;
  }
  return line + 1;
}
