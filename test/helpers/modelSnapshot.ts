/**
 * A plain-data picture of a document model with absolute positions, for comparing an
 * incrementally edited model with a from-scratch parse of the same text.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { YamlModel } from '../../server/src/yaml';

/** Everything observable about `model`, as JSON-comparable data. */
export function modelSnapshot(model: YamlModel): unknown {
  return {
    text: model.text,
    lineCount: model.lines.lineCount,
    templated: model.templated,
    degraded: model.degraded ?? null,
    segments: model.segments.map((s, i) => {
      const base = model.segmentStarts[i];
      return {
        kind: s.kind,
        marker: s.marker ?? null,
        start: base,
        line: model.segmentLines[i],
        document: model.segmentDocuments[i],
        text: s.text,
        problems: s.problems.map((p) => [p.rule, base + p.start, base + p.end, p.message]),
        templateSpans: s.templateSpans.map((t) => [base + t.start, base + t.end]),
        directives: s.directives,
        anchors: s.anchors.map((a) => [a.name, base + a.offset]),
        aliases: s.aliases.map((a) => [a.name, base + a.start, base + a.end]),
        root: s.root === null ? null : nodeSnapshot(s.root, base, 0),
      };
    }),
    entries: model.entries.map((e) => [e.key, e.keyRange.start, e.keyRange.end, e.range.start, e.range.end, e.documentIndex, e.segmentIndex]),
  };
}

function nodeSnapshot(node: unknown, base: number, depth: number): unknown {
  if (depth > 50) return '…';
  if (isPair(node)) return { k: nodeSnapshot(node.key, base, depth + 1), v: nodeSnapshot(node.value, base, depth + 1) };
  if (node === null || node === undefined) return null;
  const n = node as Node;
  const r = n.range ? [base + n.range[0], base + n.range[1]] : null;
  if (isScalar(n)) return { s: n.source ?? null, t: n.type ?? null, tag: n.tag ?? null, r };
  if (isAlias(n)) return { alias: n.source, r };
  if (isMap(n) || isSeq(n)) return { c: isMap(n) ? 'map' : 'seq', r, items: (n.items as unknown[]).map((i) => nodeSnapshot(i, base, depth + 1)) };
  return String(node);
}
