/**
 * The commands the extension contributes: ids and titles as in `package.json`
 * (`contributes.commands`, checked by a unit test). Pure (no `vscode` import).
 */

/** Command ids. */
export const Commands = {
  chooseIda: 'openedxConfig.chooseIda',
  insertMissingRequired: 'openedxConfig.insertMissingRequired',
  exportSchema: 'openedxConfig.exportSchema',
  reextract: 'openedxConfig.reextract',
  showSchemaSource: 'openedxConfig.showSchemaSource',
  downloadDocumentation: 'openedxConfig.downloadDocumentation',
  restartServer: 'openedxConfig.restartServer',
  showOutput: 'openedxConfig.showOutput',
  /** Opened by a click on the status bar item; hidden from the palette. */
  statusMenu: 'openedxConfig.statusMenu',
} as const;

/** A command id. */
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** One entry of the status bar menu. */
export interface MenuCommand {
  id: CommandId;
  /** The title, as in `package.json`. */
  title: string;
  /** A codicon shown before the title in the menu. */
  icon: string;
  /** Shown only when the active file is an IDA config file. */
  needsIdaFile: boolean;
}

/** The palette category of every command. */
export const COMMAND_CATEGORY = 'Open edX';

/** The commands offered by the status bar menu, in menu order. */
export const MENU_COMMANDS: readonly MenuCommand[] = [
  { id: Commands.chooseIda, title: 'Choose the IDA for This File…', icon: 'symbol-namespace', needsIdaFile: false },
  { id: Commands.insertMissingRequired, title: 'Insert Missing Required Settings', icon: 'insert', needsIdaFile: true },
  { id: Commands.exportSchema, title: 'Export JSON Schema…', icon: 'export', needsIdaFile: false },
  { id: Commands.reextract, title: 'Re-extract Settings Now', icon: 'refresh', needsIdaFile: false },
  { id: Commands.showSchemaSource, title: 'Show Schema Source', icon: 'info', needsIdaFile: false },
  { id: Commands.downloadDocumentation, title: 'Download Setting Documentation', icon: 'cloud-download', needsIdaFile: false },
  { id: Commands.restartServer, title: 'Restart Language Server', icon: 'debug-restart', needsIdaFile: false },
  { id: Commands.showOutput, title: 'Show Output', icon: 'output', needsIdaFile: false },
];

/** The menu entries for the active file (`isIdaFile`: whether the server associated it with an IDA). */
export function menuCommands(isIdaFile: boolean): MenuCommand[] {
  return MENU_COMMANDS.filter((c) => isIdaFile || !c.needsIdaFile);
}
