/** Registers every contributed command (ids in commandIds.ts, titles in package.json). */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { Commands } from '../commandIds';
import { reportFailure, type Host } from '../host';
import { chooseIda } from './chooseIda';
import { exportSchema } from './exportSchema';
import { insertMissingRequired } from './insertMissingRequired';
import { reextract } from './reextract';
import { showSchemaSource } from './showSchemaSource';
import { statusMenu } from './statusMenu';

/** Registers the commands; dispose the result to unregister them. */
export function registerCommands(host: Host): vscode.Disposable[] {
  const table: [string, string, (host: Host) => Promise<void>][] = [
    [Commands.chooseIda, 'Choosing the IDA', chooseIda],
    [Commands.insertMissingRequired, 'Inserting missing required settings', insertMissingRequired],
    [Commands.exportSchema, 'Exporting the JSON Schema', exportSchema],
    [Commands.reextract, 'Re-extracting settings', reextract],
    [Commands.showSchemaSource, 'Showing the schema source', showSchemaSource],
    [Commands.restartServer, 'Restarting the server', restartServer],
    [Commands.statusMenu, 'The status menu', statusMenu],
  ];
  return [
    ...table.map(([id, title, run]) => vscode.commands.registerCommand(id, () => reportFailure(host, title, () => run(host)))),
    vscode.commands.registerCommand(Commands.showOutput, () => host.output.show(true)),
  ];
}

/** Restarts a running server, or starts one that crashed too often or failed to start; past crashes are forgiven. */
async function restartServer(host: Host): Promise<void> {
  host.crashes.reset();
  const { client } = host;
  if (client.state === State.Running) await client.restart();
  else if (client.state !== State.Starting) await client.start();
}
