/**
 * Layers a base catalog (typically Django's built-in settings) under an IDA's own catalog,
 * so that keys such as `EMAIL_HOST` are known in every service's file.
 */
import type { Catalog, CatalogLayer, ExtractionProblem, Setting } from '../catalog/types';

/**
 * Merges `base` under `ida`. The result is the IDA's catalog (same `ida`, `layout`, `root`, `files`,
 * `yaml`) where:
 * - every top-level name the IDA defines comes from the IDA only (with its documented keys);
 *   the base's entries for that name, nested keys included, are dropped;
 * - every other base setting is kept, after the IDA's, with `origin.layer` set to `base.ida`
 *   (its `file` stays relative to the base's root, listed in `bases`);
 * - the base's problems follow the IDA's, marked with `layer` the same way;
 * - `bases` lists the base's own bases, then the base, then any bases the IDA already had.
 * Neither input is modified.
 */
export function mergeCatalogs(base: Catalog, ida: Catalog): Catalog {
  const idaNames = new Set(ida.settings.map((s) => s.name));
  const fromBase = base.settings.filter((s) => !idaNames.has(s.name)).map((s) => markSetting(s, base.ida));
  const layer: CatalogLayer = { ida: base.ida, layout: base.layout, root: base.root, files: [...base.files] };
  return {
    ...ida,
    settings: [...ida.settings, ...fromBase],
    problems: [...ida.problems, ...base.problems.map((p) => markProblem(p, base.ida))],
    bases: [...(base.bases ?? []), layer, ...(ida.bases ?? [])],
  };
}

/** A base setting with its layer recorded (a layer set by an earlier merge is kept). */
function markSetting(setting: Setting, layer: string): Setting {
  return setting.origin.layer !== undefined ? setting : { ...setting, origin: { ...setting.origin, layer } };
}

function markProblem(problem: ExtractionProblem, layer: string): ExtractionProblem {
  return problem.layer !== undefined ? problem : { ...problem, layer };
}
