/**
 * What PyYAML's safe loader refuses after parsing, while it builds Python objects (its
 * `SafeConstructor`): a merge key (`<<`) whose value is not a mapping or a list of mappings
 * (`flatten_mapping`), and a mapping key that is a list or a mapping, which a Python dict cannot
 * hold ("found unhashable key"). `yaml` builds both without complaint, so they are checked here,
 * on the parsed nodes of one segment. Aliases are resolved only across the whole document: an
 * alias in one of these places is returned with its role, for the document-level check.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { isNode, walkNodes } from './nodes';
import type { AliasRole, SegmentProblem } from './types';

/** Whether `text` (a segment) may hold a merge key or a collection or alias as a key: the walk is skipped otherwise. */
export function mayNeedConstructChecks(text: string): boolean {
  return /<<|\?|[[{*]/.test(text);
}

/**
 * Problems of `root` that PyYAML's safe loader would raise, in segment-relative offsets, and the
 * role of each alias used as a merge value or a key (checked once the document's anchors are known).
 */
export function constructChecks(root: Node, text: string): { problems: SegmentProblem[]; aliasRoles: Map<Node, AliasRole> } {
  const problems: SegmentProblem[] = [];
  const aliasRoles = new Map<Node, AliasRole>();
  walkNodes(root, (node) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isNode(pair.key) ? pair.key : null;
      const value = isNode(pair.value) ? pair.value : null;
      if (key !== null && (isMap(key) || isSeq(key))) problems.push(unhashableKey(key, text));
      else if (key !== null && isAlias(key)) aliasRoles.set(key, 'key');
      if (key !== null && isMergeKey(key)) checkMerge(key, value, text, problems, aliasRoles);
    }
  });
  return { problems, aliasRoles };
}

/** Whether a key is YAML 1.1's merge key: a plain `<<` (PyYAML resolves only the plain scalar to `tag:yaml.org,2002:merge`). */
export function isMergeKey(key: Node): boolean {
  return isScalar(key) && key.type === Scalar.PLAIN && key.source === '<<';
}

function checkMerge(key: Node, value: Node | null, text: string, problems: SegmentProblem[], aliasRoles: Map<Node, AliasRole>): void {
  if (value !== null && isMap(value)) return;
  if (value !== null && isAlias(value)) {
    aliasRoles.set(value, 'merge');
    return;
  }
  if (value !== null && isSeq(value)) {
    for (const item of value.items) {
      if (!isNode(item) || isMap(item)) continue;
      if (isAlias(item)) aliasRoles.set(item, 'merge-item');
      else problems.push(mergeProblem('merge-item', item, item, text));
    }
    return;
  }
  problems.push(mergeProblem('merge', value, key, text));
}

/** PyYAML's word for a node (its `id`). */
export function nodeKindWord(node: Node | null): 'scalar' | 'sequence' | 'mapping' {
  if (node !== null && isMap(node)) return 'mapping';
  if (node !== null && isSeq(node)) return 'sequence';
  return 'scalar';
}

/** The message for a merge of something that is not a mapping (`found` is PyYAML's word for it). */
export function mergeMessage(role: 'merge' | 'merge-item', found: string): string {
  return role === 'merge'
    ? `A merge key (\`<<\`) takes a mapping, an alias of one, or a list of them: PyYAML's safe_load fails here ("expected a mapping or list of mappings for merging, but found ${found}").`
    : `Each item of a merge list (\`<<: [...]\`) must be a mapping or an alias of one: PyYAML's safe_load fails here ("expected a mapping for merging, but found ${found}").`;
}

/** The message for a mapping key that is a collection (`kind`: PyYAML's word for it). */
export function unhashableMessage(kind: 'sequence' | 'mapping'): string {
  return `A ${kind === 'sequence' ? 'list' : 'mapping'} cannot be a mapping key: PyYAML's safe_load fails here ("found unhashable key").`;
}

function mergeProblem(role: 'merge' | 'merge-item', node: Node | null, fallback: Node, text: string): SegmentProblem {
  const [start, end] = firstLineOf(node !== null && node.range && node.range[1] > node.range[0] ? node : fallback, text);
  return { rule: 'yaml-syntax', start, end, message: mergeMessage(role, nodeKindWord(node)) };
}

function unhashableKey(key: Node, text: string): SegmentProblem {
  const [start, end] = firstLineOf(key, text);
  return { rule: 'yaml-syntax', start, end, message: unhashableMessage(isSeq(key) ? 'sequence' : 'mapping') };
}

/** A node's range, cut at the end of its first line (a multi-line underline hides the text). */
function firstLineOf(node: Node, text: string): [number, number] {
  const r = node.range;
  if (!r) return [0, 0];
  let end = r[0];
  while (end < r[1] && text[end] !== '\n' && text[end] !== '\r') end++;
  return [r[0], Math.max(end, Math.min(r[0] + 1, text.length))];
}
