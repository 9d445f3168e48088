/**
 * The `x-openedx` facts of one property, and the facts-only rules that keep documentation prose
 * out of shipped schemas. Every object is built in a fixed key order so output diffs cleanly.
 */
import type { Documentation, Origin, Requirement, Setting, SettingReader, YamlRole } from '../catalog/types';
import type { DocumentationFacts, PropertyFacts } from './format';

/** Longest free text kept in facts-only schemas (`defaultText`, factual fields, short reasons). */
export const FACTS_ONLY_MAX_TEXT = 80;

/** Annotation fields kept in facts-only schemas: facts, not prose. */
export const FACTUAL_FIELDS: ReadonlySet<string> = new Set([
  'creation_date',
  'default',
  'implementation',
  'removal_ticket',
  'target_removal_date',
  'tickets',
  'use_cases',
]);

/** The text when it is one line of at most {@link FACTS_ONLY_MAX_TEXT} characters (after trimming); otherwise undefined. */
export function shortLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  return t.length > 0 && t.length <= FACTS_ONLY_MAX_TEXT && !/[\r\n]/.test(t) ? t : undefined;
}

/** Builds the `x-openedx` object of a catalog setting. */
export function propertyFacts(setting: Setting, factsOnly: boolean, freeFormKeys: boolean): PropertyFacts {
  const facts: PropertyFacts = {
    origin: copyOrigin(setting.origin),
    typeKind: setting.type.kind,
    typeFrom: setting.type.from,
  };
  const defaultText = factsOnly ? shortLine(setting.defaultText) : setting.defaultText;
  if (defaultText !== undefined) facts.defaultText = defaultText;
  if (setting.computedFrom && setting.computedFrom.length > 0) facts.computedFrom = [...new Set(setting.computedFrom)].sort();
  if (setting.roles.length > 0) facts.roles = setting.roles.map((r) => copyRole(r, factsOnly));
  if (setting.doc) facts.doc = documentationFacts(setting.doc, factsOnly);
  if (setting.readers && setting.readers.length > 0) facts.readers = setting.readers.map(copyReader);
  if (setting.required) facts.required = requirementFacts(setting.required, factsOnly);
  if (freeFormKeys) facts.freeFormKeys = true;
  return facts;
}

/** Copies a reader in canonical key order. */
export function copyReader(reader: SettingReader): SettingReader {
  return {
    package: reader.package,
    ...(reader.version !== undefined ? { version: reader.version } : {}),
    file: reader.file,
    line: reader.line,
    how: reader.how,
    ...(reader.projects !== undefined ? { projects: [...reader.projects] } : {}),
  };
}

/** Copies an origin in canonical key order. */
export function copyOrigin(origin: Origin): Origin {
  const out: Origin = { file: origin.file, line: origin.line, column: origin.column };
  if (origin.layer !== undefined) out.layer = origin.layer;
  return out;
}

/**
 * Documentation facts. Live: everything, fields sorted by name. Facts-only: no description,
 * and only {@link FACTUAL_FIELDS} whose value passes {@link shortLine}.
 */
export function documentationFacts(doc: Documentation, factsOnly: boolean): DocumentationFacts {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(doc.fields).sort()) {
    const value = factsOnly ? (FACTUAL_FIELDS.has(key) ? shortLine(doc.fields[key]) : undefined) : doc.fields[key];
    if (value !== undefined) fields[key] = value;
  }
  return {
    source: doc.source,
    ...(doc.annotationKind !== undefined ? { annotationKind: doc.annotationKind } : {}),
    line: doc.line,
    ...(doc.file !== undefined ? { file: doc.file } : {}),
    ...(factsOnly ? {} : { description: doc.description }),
    fields,
  };
}

/**
 * `facts` with a requirement added, its keys in the order {@link propertyFacts} and the build
 * write them (`required` before `freeFormKeys` and `defaultOmitted`): a layer applied to a built
 * schema must serialise as a build would.
 */
export function withRequirement(facts: PropertyFacts, required: Requirement): PropertyFacts {
  const { freeFormKeys, defaultOmitted, ...head } = facts;
  return {
    ...head,
    required,
    ...(freeFormKeys !== undefined ? { freeFormKeys } : {}),
    ...(defaultOmitted !== undefined ? { defaultOmitted } : {}),
  };
}

/** A requirement; in facts-only schemas a `required-module` reason (not ours) is kept only when short. */
function requirementFacts(required: Requirement, factsOnly: boolean): Requirement {
  const keep = !factsOnly || required.source === 'overlay';
  return { source: required.source, reason: keep ? required.reason : (shortLine(required.reason) ?? '') };
}

/** Copies a role; in facts-only schemas the free-text `reason`/`note` are kept only when short. */
function copyRole(role: YamlRole, factsOnly: boolean): YamlRole {
  const text = (t: string): string | undefined => (factsOnly ? shortLine(t) : t);
  switch (role.kind) {
    case 'deprecated': {
      const out: YamlRole = { kind: 'deprecated', reason: text(role.reason) ?? '' };
      if (role.replacement !== undefined) out.replacement = role.replacement;
      return out;
    }
    case 'yaml-only': {
      const out: YamlRole = { kind: 'yaml-only', line: role.line, file: role.file };
      const note = role.note === undefined ? undefined : text(role.note);
      if (note !== undefined) out.note = note;
      return out;
    }
    case 'merged':
      return { kind: 'merged', depth: role.depth, line: role.line, file: role.file };
    case 'appended':
    case 'renamed':
      return { kind: role.kind, target: role.target, line: role.line, file: role.file };
    case 'conditional':
      return { kind: 'conditional', condition: role.condition, line: role.line, file: role.file };
    case 'overwritten':
      return {
        kind: 'overwritten',
        line: role.line,
        file: role.file,
        ...(role.package !== undefined ? { package: role.package } : {}),
        ...(role.version !== undefined ? { version: role.version } : {}),
      };
    case 'spread':
      return { kind: role.kind, line: role.line, file: role.file };
  }
}
