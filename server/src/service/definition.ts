/** Go to definition: from a key to the Python line that defines the setting (live schemas). */
import type { Location, Position } from 'vscode-languageserver-types';
import type { IdaSchema } from '../schema/format';
import type { YamlModel } from '../yaml';
import { keyAt } from './keyAt';
import { originOf } from './origin';
import { schemaIndex } from './schemaIndex';

/** Definition locations of the key at `position` (empty when the schema has no absolute source root). */
export function definitionAt(model: YamlModel, position: Position, schema: IdaSchema | undefined): Location[] {
  if (schema === undefined) return [];
  const found = keyAt(model, model.lines.offsetAt(position));
  if (found === undefined) return [];
  const path = [...found.path];
  while (path.length > 1 && typeof path[path.length - 1] === 'number') path.pop();
  const resolved = schemaIndex(schema).resolve(path);
  if (resolved === undefined) return [];
  const site = originOf(resolved.prop, schema);
  if (site?.uri === undefined) return [];
  const at = { line: site.line, character: site.character };
  return [{ uri: site.uri, range: { start: at, end: at } }];
}
