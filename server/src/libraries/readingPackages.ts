/**
 * The packages of a scan that read settings: what the libraries layer names in hovers and counts
 * in the status.
 */
import type { Catalog } from '../catalog/types';

/** Name and version of each package some setting of `catalog` names among its readers, sorted by name. */
export function readingPackages(catalog: Catalog): { name: string; version?: string }[] {
  const versions = new Map<string, string | undefined>();
  for (const setting of catalog.settings) {
    for (const reader of setting.readers ?? []) if (!versions.has(reader.package) || versions.get(reader.package) === undefined) versions.set(reader.package, reader.version);
  }
  return [...versions.keys()].sort().map((name) => {
    const version = versions.get(name);
    return version !== undefined ? { name, version } : { name };
  });
}
