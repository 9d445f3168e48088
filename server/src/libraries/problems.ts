/**
 * Problem lists kept short: an environment of broken packages must not flood a hover or a log.
 */
import type { ExtractionProblem } from '../catalog/types';

/**
 * The first `max` problems, then one `limit-reached` problem saying how many more there were
 * (placed at the last one kept, so it sorts beside them).
 */
export function boundProblems(problems: readonly ExtractionProblem[], max: number, where: string): ExtractionProblem[] {
  if (problems.length <= max) return [...problems];
  const kept = problems.slice(0, max);
  const more = problems.length - max;
  kept.push({ code: 'limit-reached', message: `${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} ${where} not listed`, file: kept[kept.length - 1]?.file ?? '.', line: 1, column: 0 });
  return kept;
}
