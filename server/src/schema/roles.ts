/**
 * A property's YAML roles (`x-openedx.roles`: what the service does with the key in the file), as
 * the language service and the settings changelog read them.
 */
import type { YamlRole } from '../catalog/types';
import type { PropertySchema } from './format';

/** The roles of a property. */
export function rolesOf(prop: PropertySchema | undefined): readonly YamlRole[] {
  return prop?.['x-openedx']?.roles ?? [];
}

/** The first role of a kind. */
export function roleOf<K extends YamlRole['kind']>(prop: PropertySchema | undefined, kind: K): Extract<YamlRole, { kind: K }> | undefined {
  return rolesOf(prop).find((r): r is Extract<YamlRole, { kind: K }> => r.kind === kind);
}
