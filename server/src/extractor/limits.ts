/**
 * The bounds of one extraction's work and memory. They are constants rather than settings: they
 * protect the process from pathological or hostile sources, not a preference. Each limit is far
 * above what real settings modules need (measured against openedx-platform and the IDAs in
 * docs/performance.md), and each one reached is a problem saying so, never a silent cut.
 */

/**
 * Largest settings module read, in bytes. openedx-platform's `lms/envs/common.py`, the largest
 * real one, is 136 KB; a megabyte of Python garbage still parses in under two seconds.
 */
export const MAX_MODULE_BYTES = 1024 * 1024;

/**
 * Largest number of brackets, commas, colons, equals signs, semicolons and line breaks in a module
 * parsed: an estimate of its syntax nodes, which is what parsing costs in time and memory. Real
 * settings modules have about two per line (`lms/envs/common.py`: 6,758 in 3,322 lines), so this
 * admits some 40,000 ordinary lines; a generated list literal, which would take seconds and
 * hundreds of MB, is refused.
 */
export const MAX_MODULE_TOKENS = 100_000;

/**
 * Share of a module's bytes that may be control characters Python source never holds outside
 * string literals (all but tab, line breaks, form feed and escape), over the whole file. Past it
 * the file is binary data: parsing it and recovering from its endless errors takes seconds per 100 KB.
 */
export const MAX_CONTROL_CHARACTER_SHARE = 0.01;

/**
 * In-place edits (`X += [...]`, `X.append(...)`, `X['k'] = v`) followed per setting: the default
 * is rebuilt on each one, so 50,000 appends to one list would cost seconds and a gigabyte. Past it
 * the setting keeps its type but no default, and one problem says why.
 */
export const MAX_EDITS_PER_SETTING = 1_000;

/** Problems kept per module; past it one problem says how many more there were. */
export const MAX_PROBLEMS_PER_MODULE = 100;

/**
 * Deepest nesting of a Python expression that is evaluated or walked (`1+1+…`, nested brackets,
 * `not not …`, chains of `and`). Real settings nest a few levels; CPython itself compiles about
 * 2,000 terms of a sum, which nested calls would exceed the stack at. Past it a value is
 * computed (no default) and one problem per module says where.
 */
export const MAX_EXPRESSION_DEPTH = 200;
