/**
 * Alias resolution across segments. PyYAML resolves `*name` to the latest `&name` defined before
 * it in the document; segments are parsed apart, so a value may alias a node of another segment.
 */
import type { Node } from 'yaml';
import type { YamlModel } from './types';

/** Resolves an alias used at a segment-relative offset in segment `segmentIndex`. */
export type AliasLookup = (name: string, segmentIndex: number, relativeOffset: number) => Node | undefined;

const cache = new WeakMap<YamlModel, AliasLookup>();

/** The alias lookup of `model` (memoised). */
export function aliasLookup(model: YamlModel): AliasLookup {
  let lookup = cache.get(model);
  if (lookup === undefined) {
    const withAnchors: number[] = [];
    model.segments.forEach((s, i) => {
      if (s.anchors.length > 0) withAnchors.push(i);
    });
    lookup = (name, segmentIndex, relativeOffset) => {
      for (let k = withAnchors.length - 1; k >= 0; k--) {
        const i = withAnchors[k];
        if (i > segmentIndex) continue;
        const anchors = model.segments[i].anchors;
        for (let a = anchors.length - 1; a >= 0; a--) {
          const anchor = anchors[a];
          if (anchor.name === name && (i < segmentIndex || anchor.offset < relativeOffset)) return anchor.node;
        }
      }
      return undefined;
    };
    cache.set(model, lookup);
  }
  return lookup;
}
