/**
 * A small, strict command-line parser: known flags only, clear messages for the rest.
 */

/** A usage error: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** Parsed arguments: positionals and flag values. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Flag spec: whether the flag takes a value, and its allowed values. */
export interface FlagSpec {
  value: boolean;
  choices?: readonly string[];
}

/** Parses `argv` against `spec`; throws {@link UsageError} on anything unknown or malformed. */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (!s.value) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (s.choices && !s.choices.includes(value)) throw new UsageError(`--${name} must be one of: ${s.choices.join(', ')} (got "${value}")`);
    flags.set(name, value);
  }
  return { positionals, flags };
}

/** The value of a flag that takes one, when it was given (`parseArgs` gives `true` only to flags without values). */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
