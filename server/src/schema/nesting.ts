/**
 * The nesting bound of schema files. Ajv's meta-schema validation, its compiled validators and
 * our own walks of a schema (annotation stripping, conditions, completion's nested lookups) recurse
 * once per level: a file nested 20,000 levels deep overflows the stack. Files deeper than the
 * bound are refused when loaded, which bounds every later walk. Shipped schemas nest 12 levels.
 */

/** The deepest nesting of objects and arrays a schema file may have (the document itself is level 1). */
export const MAX_SCHEMA_DEPTH = 64;

/**
 * Where parsed JSON `data` is nested deeper than `max` levels, as a message naming the top-level
 * part (`"properties.NAME"`, or the document's key), or undefined. Iterative: any depth is safe.
 */
export function nestingProblem(data: unknown, max: number = MAX_SCHEMA_DEPTH): string | undefined {
  const stack: { value: unknown; depth: number; where: string | undefined }[] = [{ value: data, depth: 1, where: undefined }];
  while (stack.length > 0) {
    const { value, depth, where } = stack.pop() as (typeof stack)[number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return `${where === undefined ? 'the document' : `"${where}"`} is nested deeper than ${max} levels; the schema is not used`;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i): [string, unknown] => [String(i), v]) : Object.entries(value);
    for (const [key, child] of entries) {
      // Names a setting (`properties.NAME`) or a top-level key: enough to find the place, never a value.
      const childWhere = depth === 1 ? key : depth === 2 && where === 'properties' ? `properties.${key}` : where;
      stack.push({ value: child, depth: depth + 1, where: childWhere });
    }
  }
  return undefined;
}
