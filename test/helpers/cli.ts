/**
 * Runs the `openedx-config` CLI in-process, capturing what it prints.
 */
import { main } from '../../server/src/cli/main';

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with these arguments. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Runs the CLI with these arguments and `input` as its standard input. */
export async function runCliWithInput(input: string | Uint8Array, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => Promise.resolve(bytes) });
  return { code, stdout, stderr };
}
