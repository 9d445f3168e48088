/**
 * The YAML document model: a config file as a sequence of independently parsed top-level
 * segments, edited incrementally. Import from here.
 */
export { LineIndex } from './lineIndex';
export { applyEdit, parseFromScratch } from './model';
export { aliasLookup, type AliasLookup } from './aliases';
export { absoluteNodeRange, entriesOfSegment, entriesWithKey, entryAt, presentKeys, repeatedKeys, segmentAt, segmentIndexAt, toRange, type KeySet } from './queries';
export { isSuppressed, modelineIda, suppressionsOf, type Suppressions } from './suppressions';
export { isTruthy, resolvePlain, resolveScalar, scalarOf, type ResolvedScalar, type ScalarKind } from './scalars';
export { keyText, mapPairs, nodeAtOffset, nodeRange, type NodeAtOffset, type PathStep } from './nodes';
export { touchesTemplate } from './templates';
export { decodeUtf8, type DecodeResult } from './utf8';
export { mergeMessage, nodeKindWord, unhashableMessage } from './constructChecks';
export * from './types';
export * as limits from './limits';
