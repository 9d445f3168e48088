/**
 * The `openedx-config` command line: `check`, `describe`, `docs fetch`, `extract`, `lsp` and `schemas`.
 */
import { terminalSafe } from './terminalText';
import * as v8 from 'node:v8';
import { errorMessage } from '../common/result';
import { aliasHelpLines } from '../registry/idaAliases';
import { UsageError } from './args';
import { CHECK_USAGE, runCheck } from './checkCommand';
import { DESCRIBE_USAGE, runDescribe } from './describeCommand';
import { DIFF_USAGE, runDiff } from './diffCommand';
import { DOCS_USAGE, runDocs } from './docsCommand';
import { EXTRACT_USAGE, runExtract, type CliIO } from './extractCommand';
import { LSP_USAGE, runLsp } from './lspCommand';
import { runSchemas } from './schemasCommand';

const USAGE_HEAD = `usage: openedx-config <command> [options]

commands:
  check [--ida NAME] [--format text|json|sarif|github|gitlab] [--schema FILE] [--max-warnings N] FILE...
      Check Open edX config files (lms.yml, studio.yml, devstack.yml, ...) against their IDA's
      settings schema; - reads standard input, named by --stdin-filename NAME. Exit code 1 when
      an error is reported (or more than N warnings), 2 on usage or IO errors.
  describe NAME... [--ida NAME] [--format text|json|markdown] [--cache DIR] [--sources DIR]
      What the hover says of settings (dotted names for nested keys): type, default,
      documentation, where it is defined. From live sources (--sources DIR), else the
      downloaded documentation, else the shipped facts. IDA default: lms. Exit code 1 when a
      name is unknown.
  diff [--ida NAME] [--format markdown|json] FROM TO
      What changed in an IDA's settings between two sources, each a folder of settings
      sources, a schema file, or \`shipped\`: added, removed, likely renamed, defaults and
      types changed, newly deprecated, FEATURES entries turned settings, and what production.py
      starts or stops reading from the YAML file.
  docs fetch [--ida NAME[,NAME...]] [--base-url URL] [--cache DIR]
      Download the documentation of shipped schemas (every one by default): the source files
      they pin, each checked against its SHA-256. Exit code 1 when a download failed, 130
      when cancelled.
  extract <folder> [--ida NAME] [--out FILE] [--facts-only] [--format json|text]
      Extract the settings schema of the IDA whose sources are in <folder>.
  lsp --stdio | --socket=PORT | --node-ipc
      Run the language server for editors other than VS Code (docs/editors.md).
  schemas --sources DIR [--out schemas] [--only IDA,...] [--retrieved YYYY-MM-DD]
      Regenerate the shipped schemas listed in <out>/sources.json from checkouts in DIR.
`;

/** The usage, with the IDA names `--ida` (and the modeline, and the settings) accept. */
const USAGE = `${USAGE_HEAD}
IDA names (--ida, modeline ida=, openedxConfig settings), other accepted names in parentheses:
${aliasHelpLines().map((line) => `  ${line}`).join('\n')}
`;

/** Usage of each command that has its own, shown with its usage errors. */
const COMMAND_USAGE: ReadonlyMap<string, string> = new Map([
  ['check', CHECK_USAGE],
  ['describe', DESCRIBE_USAGE],
  ['diff', DIFF_USAGE],
  ['docs', DOCS_USAGE],
  ['extract', EXTRACT_USAGE],
  ['lsp', LSP_USAGE],
]);

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'describe':
        return await runDescribe(rest, io);
      case 'diff':
        return await runDiff(rest, io);
      case 'docs':
        return await runDocs(rest, io);
      case 'extract':
        return await runExtract(rest, io);
      case 'lsp':
        return await runLsp(rest, io);
      case 'schemas':
        return await runSchemas(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const usage = COMMAND_USAGE.get(command ?? '') ?? USAGE;
      io.stderr(`openedx-config: ${terminalSafe(e.message)}\n${usage}${usage.endsWith('\n') ? '' : '\n'}`);
      return 2;
    }
    io.stderr(`openedx-config: internal error: ${terminalSafe(errorMessage(e))}\n`);
    return 70;
  }
}

/**
 * The process's standard streams as the CLI's IO. A reader that stops reading (`check … | head`)
 * closes the pipe: further output is dropped and the run still ends with its own exit code, where
 * an unhandled `EPIPE` would crash the process with a stack trace.
 */
export function processIO(): CliIO {
  const open = { stdout: true, stderr: true };
  const sink = (name: 'stdout' | 'stderr'): ((text: string) => void) => {
    const stream = process[name];
    stream.on('error', () => {
      open[name] = false;
    });
    return (text) => {
      if (open[name]) stream.write(text);
    };
  };
  return { stdout: sink('stdout'), stderr: sink('stderr') };
}

/** Runs the CLI as a process: `bin/openedx-config.js` and `node dist/cli.js`. */
export function runProcess(): void {
  // A CLI run parses each settings module once: compiling the grammar's wasm up front with the
  // optimising tier (reported as grammar loading) beats running it in the baseline tier.
  v8.setFlagsFromString('--no-liftoff');
  v8.setFlagsFromString('--no-wasm-lazy-compilation');
  void main(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runProcess();
