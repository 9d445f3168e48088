/**
 * Creating the language client: the bundled server started over IPC, the document selector,
 * crash handling with limited restarts, and tracing into the output channel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands } from './commandIds';
import { CrashPolicy, crashMessage } from './crashPolicy';
import type { DiagnosticsFilter } from './diagnosticsFilter';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { withClientFacts } from './documentationCache';
import { selectedPythonInterpreter } from './pythonInterpreter';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';

/**
 * The client id. vscode-languageclient reads `<id>.trace.server`, so this id is what makes the
 * `openedxConfig.trace.server` setting work.
 */
export const CLIENT_ID = 'openedxConfig';

/** The client's name, shown in messages and as the output channel's title. */
export const CLIENT_NAME = 'Open edX Config';

/** The port of the server's inspector when the extension runs in debug mode (F5). */
export const DEBUG_PORT = 6009;

/** What `createLanguageClient` needs from the extension. */
export interface ClientDeps {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  /** Where protocol traces go; see traceChannel.ts for why it is not `output`. */
  trace: vscode.LogOutputChannel;
  filter: DiagnosticsFilter;
  crashes: CrashPolicy;
}

/** Creates (without starting) the language client. */
export function createLanguageClient(deps: ClientDeps): LanguageClient {
  const serverModule = deps.context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // The flags and environment the benchmark measures with (server/src/launch.ts): they keep the
    // server's resident memory down.
    // The server keeps its start-up code cache in the extension's own storage (see server/src/bootstrap.ts).
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...process.env, ...SERVER_ENV, OPENEDX_CONFIG_CACHE_DIR: deps.context.globalStorageUri.fsPath } },
    },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: deps.output,
    traceOutputChannel: deps.trace,
    // No `synchronize`: the server registers for configuration changes and file events itself
    // (dynamic registration), and pulls `workspace/configuration`; a static registration here
    // would deliver every configuration change twice.
    errorHandler: crashHandler(deps),
    middleware: {
      ...deps.filter.middleware(),
      // The server keeps downloaded documentation and environment scans in the extension's storage
      // unless the user named folders, and scans the Python extension's interpreter unless told otherwise.
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          const storage = deps.context.globalStorageUri.fsPath;
          const interpreter = selectedPythonInterpreter();
          const facts = { documentationFolder: path.join(storage, 'documentation'), librariesFolder: path.join(storage, 'libraries'), ...(interpreter !== undefined ? { interpreter } : {}) };
          return result.map((value: unknown, i) => (params.items[i]?.section === 'openedxConfig' ? withClientFacts(value, facts) : value));
        },
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/**
 * Connection errors are tolerated a few times in a row (the default client's behaviour); a closed
 * connection is a crash, restarted while the crash policy allows and always told to the user,
 * since a silently restarting server hides the bug and a silently dead one looks like a broken
 * extension.
 */
function crashHandler(deps: ClientDeps): ErrorHandler {
  const windowMinutes = Math.round(deps.crashes.windowMillis / 60_000);
  return {
    error: (_error, _message, count) => ({ action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = deps.crashes.onCrash(Date.now());
      const message = crashMessage(decision, windowMinutes);
      void tellUser(message, decision.restart, deps.output);
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, message, handled: true };
    },
  };
}

async function tellUser(message: string, restarted: boolean, output: vscode.LogOutputChannel): Promise<void> {
  const showOutput = 'Show Output';
  const restart = 'Restart Server';
  const choice = restarted
    ? await vscode.window.showWarningMessage(message, showOutput)
    : await vscode.window.showErrorMessage(message, showOutput, restart);
  if (choice === showOutput) output.show(true);
  else if (choice === restart) await vscode.commands.executeCommand(Commands.restartServer);
}
