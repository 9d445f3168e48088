/**
 * Restricted Mode: the example workspace opened untrusted, with its own `.vscode/settings.json`
 * naming a schema file, a settings-sources folder and an association (written by
 * `restrictedWorkspace()` in test/e2e/workspace.ts). VS Code must hand the extension none of those
 * workspace values (package.json `restrictedConfigurations`), and the server must act as if they
 * were not there: lms.yml keeps its live schema from the workspace's settings package (reading it is
 * safe), the named schema file is never used, and the associated file stays no IDA's.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, examplePath, hoverText, openEditor, ourDiagnostics, poll } from './helpers';
import type { Scenario } from './runner';

/** A key only the workspace's own schema file requires: a diagnostic naming it means the file was used. */
export const CANARY_KEY = 'RESTRICTED_MODE_CANARY';
/** The file the workspace's own association would make an LMS config file. */
export const ASSOCIATED_FILE = ['deploy', 'app.conf.yml'];

export const restrictedScenarios: Scenario[] = [
  {
    name: 'R1. the workspace opens in Restricted Mode and its restricted settings are not handed to the extension',
    run: async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the workspace must be untrusted for this suite');
      const config = vscode.workspace.getConfiguration('openedxConfig');
      // The workspace's settings file is read: its unrestricted setting applies…
      assert.deepEqual(config.get('rules'), { 'unknown-key': 'error' });
      // …and its restricted ones are withheld.
      for (const key of ['schemas', 'sources', 'associations']) assert.deepEqual(config.get(key), {}, `openedxConfig.${key} as the extension sees it`);
    },
  },
  {
    name: 'R2. lms.yml is checked against its live schema, never the schema file the workspace names',
    run: async () => {
      const extension = await api();
      const { document } = await openEditor(examplePath('openedx-platform-lite', 'lms.yml'));
      const info = await poll('the server to report lms.yml\'s schema', () => (extension.documentInfo(document.uri)?.source ? extension.documentInfo(document.uri) : undefined));
      assert.deepEqual({ ida: info.ida, source: info.source, revision: info.revision }, { ida: 'lms', source: 'live', revision: examplePath('openedx-platform-lite') });
      const diagnostics = await poll('lms.yml\'s diagnostics', () => (ourDiagnostics(document.uri).length > 0 ? ourDiagnostics(document.uri) : undefined));
      assert.deepEqual(diagnostics.filter((d) => d.message.includes(CANARY_KEY)).map((d) => d.message), []);
      assert.ok(diagnostics.some((d) => d.message === 'Missing required setting: `LMS_ROOT_URL`.'), 'the live schema\'s own checks run');
      // The workspace's unrestricted `rules` reached the server: the unknown key is an error here, not a warning.
      const unknown = await poll('the unknown-key diagnostic as an error', () =>
        ourDiagnostics(document.uri).find((d) => d.message === 'Unknown setting `LMS_ROOT_ULR`: did you mean `LMS_ROOT_URL`?' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.equal(unknown.range.start.line, 10);
    },
  },
  {
    name: 'R3. a file only the workspace\'s association names gets nothing from the server',
    run: async () => {
      const extension = await api();
      const { document } = await openEditor(examplePath(...ASSOCIATED_FILE));
      // The server answers a hover by associating the document itself: were it an LMS file, this
      // key would get "…is not defined by lms settings…". Its answer comes after it saw the file opened.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 3));
      assert.equal(hoverText(hovers), '');
      assert.equal(extension.documentInfo(document.uri)?.ida, undefined);
      assert.deepEqual(ourDiagnostics(document.uri).map((d) => d.message), []);
    },
  },
];
