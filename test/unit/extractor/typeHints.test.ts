/**
 * Type hints (`NAME: str | None = None`) read as JSON types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SettingType } from '../../../server/src/catalog/types';
import { typeFromHint } from '../../../server/src/extractor/typeHints';
import { json } from './helpers';

const hint = (types: SettingType['types'], nullable = false): SettingType => json(types, nullable, 'hint');

const cases: [string, SettingType | undefined][] = [
  ['str', hint(['string'])],
  ['int', hint(['integer'])],
  ['float', hint(['number'])],
  ['bool', hint(['boolean'])],
  ['list', hint(['array'])],
  ['list[str]', hint(['array'])],
  ['List[str]', hint(['array'])],
  ['tuple[int, ...]', hint(['array'])],
  ['set[str]', hint(['array'])],
  ['frozenset', hint(['array'])],
  ['Sequence[str]', hint(['array'])],
  ['dict', hint(['object'])],
  ['dict[str, Any]', hint(['object'])],
  ['Dict[str, list[str]]', hint(['object'])],
  ['Mapping[str, int]', hint(['object'])],
  ['typing.Dict', hint(['object'])],
  ['str | None', hint(['string'], true)],
  ['None | int', hint(['integer'], true)],
  ['Optional[int]', hint(['integer'], true)],
  ['typing.Optional[str]', hint(['string'], true)],
  ['Union[str, int]', hint(['string', 'integer'])],
  ['Union[str, None]', hint(['string'], true)],
  ['Optional[Union[str, list[str]]]', hint(['string', 'array'], true)],
  ['int | float', hint(['integer', 'number'])],
  ["'str'", hint(['string'])],
  ['"dict[str, str]"', hint(['object'])],
  [' str ', hint(['string'])],
  // Hints that say nothing a YAML value can be checked against.
  ['None', undefined],
  ['Any', undefined],
  ['Optional[Any]', undefined],
  ['Path', undefined],
  ['str | Path', undefined],
  ['Callable[[str], int]', undefined],
  ['', undefined],
  ['list[', undefined],
];

for (const [text, expected] of cases) {
  test(`typeFromHint(${JSON.stringify(text)})`, () => {
    assert.deepStrictEqual(typeFromHint(text), expected);
  });
}

test('a hint nested thousands of levels deep says nothing usable, without exhausting the stack; a few levels still read', () => {
  const nested = (levels: number, head: string): string => `${head}[`.repeat(levels) + 'int' + ']'.repeat(levels);
  assert.equal(typeFromHint(nested(5000, 'Optional')), undefined);
  assert.equal(typeFromHint(nested(5000, 'Union')), undefined);
  assert.deepStrictEqual(typeFromHint(nested(3, 'Optional')), { kind: 'json', types: ['integer'], nullable: true, from: 'hint' });
  assert.deepStrictEqual(typeFromHint(nested(64, 'Optional')), { kind: 'json', types: ['integer'], nullable: true, from: 'hint' });
  assert.equal(typeFromHint(nested(65, 'Optional')), undefined);
});
