/**
 * What a schema file may hold that Open edX Config does not run: `$ref` (our schemas describe
 * every setting in place, and a property's validator is compiled from its subschema alone, where
 * `"$ref": "#"` would call itself forever) and patterns RE2 cannot compile. Such a property is
 * reported and left unchecked; the rest of the schema is used.
 */
import { getOwn } from './own';
import { compilePattern } from './regex';
import type { IdaSchema } from './format';

/** Keywords whose values are never subschemas: annotations and instance data. */
const NOT_SCHEMAS: ReadonlySet<string> = new Set(['default', 'description', 'markdownDescription', 'deprecated', 'title', 'examples', '$comment', 'x-openedx', 'enum', 'const', 'required', 'type', 'format']);

/** Keywords whose value maps names (data) to subschemas. */
const NAME_MAPS: ReadonlySet<string> = new Set(['properties', 'definitions', '$defs', 'dependencies']);

/**
 * Why a property's subschema cannot be used for validation, or undefined when it can. Walks the
 * subschema's keywords (not the data under `default`, `enum`, …) without recursion, so any depth
 * is safe. Never throws.
 */
export function unsupportedReason(subschema: unknown): string | undefined {
  const stack: unknown[] = [subschema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (NOT_SCHEMAS.has(key)) continue;
      if (key === '$ref') return '"$ref" is not supported (an Open edX Config schema describes each setting in place)';
      if (key === 'pattern' && typeof value === 'string') {
        const compiled = compilePattern(value);
        if (!compiled.ok) return compiled.error;
      } else if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
        for (const [pattern, sub] of Object.entries(value)) {
          const compiled = compilePattern(pattern);
          if (!compiled.ok) return compiled.error;
          stack.push(sub);
        }
      } else if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null) {
        stack.push(...Object.values(value));
      } else {
        stack.push(value);
      }
    }
  }
  return undefined;
}

/**
 * One line per top-level property that will not be checked (see {@link unsupportedReason}),
 * naming the property and the reason, never quoting the schema's text. For user schema files:
 * the language server logs these, `check --schema` prints them.
 */
export function schemaProblems(schema: IdaSchema): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(schema.properties)) {
    const reason = unsupportedReason(getOwn(schema.properties, name));
    if (reason !== undefined) problems.push(`"properties.${name}": ${reason}; values of ${name} are not checked`);
  }
  return problems;
}
