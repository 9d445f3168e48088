/**
 * Parses the subset of VS Code's command line that `@vscode/test-electron`'s runTests passes to its
 * executable, in both `--flag=value` and `--flag value` forms. Other flags (--no-sandbox,
 * --disable-updates, …) are desktop-only and ignored.
 */

export interface LaunchArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** The folder to open (the first positional argument). */
  folder?: string;
  /** Flags seen and ignored, for the log. */
  ignored: string[];
}

const VALUE_FLAGS = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Parses argv (without node and the script). */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const result: LaunchArgs = { extensionDevelopmentPaths: [], ignored: [] };
  const set = (flag: ValueFlag, value: string): void => {
    if (flag === 'extensionDevelopmentPath') result.extensionDevelopmentPaths.push(value);
    else if (flag === 'extensionTestsPath') result.extensionTestsPath = value;
    else if (flag === 'user-data-dir') result.userDataDir = value;
    else result.extensionsDir = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) as ValueFlag;
      if ((VALUE_FLAGS as readonly string[]).includes(name)) {
        if (eq !== -1) set(name, arg.slice(eq + 1));
        else if (i + 1 < argv.length) set(name, argv[++i]);
        else throw new Error(`${arg} needs a value`);
      } else {
        result.ignored.push(arg);
      }
    } else if (result.folder === undefined) {
      result.folder = arg;
    } else {
      throw new Error(`only one folder can be opened (got ${result.folder} and ${arg})`);
    }
  }
  return result;
}
