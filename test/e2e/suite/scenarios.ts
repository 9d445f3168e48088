/**
 * The end-to-end scenarios, in the order they run, against a fresh copy of examples/. Each asserts
 * exact, user-visible results (messages, ranges, inserted text, target lines) through the `vscode`
 * API, and leaves the documents it changed as it found them (reverted), so that scenarios do not
 * depend on one another.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  api,
  diagnosticTuple,
  documentationText,
  examplePath,
  hoverText,
  labelOf,
  lineOf,
  openEditor,
  ourDiagnostics,
  poll,
  positionOf,
  revert,
} from './helpers';
import type { Scenario } from './runner';

const LMS_YML = ['openedx-platform-lite', 'lms.yml'];
const LMS_COMMON = ['openedx-platform-lite', 'openedx', 'envs', 'common.py'];
const DEMO_YML = ['demo-ida', 'demo', 'settings', 'demo.yml'];
const DEMO_DEFAULTS = ['demo-ida', 'demo', 'settings', 'defaults.py'];
const DEMO_REQUIRED = ['demo-ida', 'demo', 'settings', 'required.py'];

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

/** [message, startLine, startChar, endLine, endChar, severity]: the diagnostics of lms.yml as written. */
const LMS_DIAGNOSTICS: Array<[string, number, number, number, number, vscode.DiagnosticSeverity]> = [
  // The misspelled LMS_ROOT_ULR leaves LMS_ROOT_URL (required by schemas/overlays/lms.json) unset.
  ['Missing required setting: `LMS_ROOT_URL`.', 0, 0, 0, 80, E],
  ['Unknown setting `LMS_ROOT_ULR`: did you mean `LMS_ROOT_URL`?', 10, 0, 10, 12, W],
  ['`TIME_ZONE` has no effect: lms overwrites it after loading this file (lms/envs/production.py:72).', 12, 0, 12, 9, W],
  ['Expected integer, found string "ten minutes".', 19, 30, 19, 41, E],
  ['`FEATURES: ENABLE_COURSE_NOTES` is deprecated: `ENABLE_COURSE_NOTES` is now a top-level setting; set it at the top level.', 25, 2, 25, 21, I],
  ['`FEATURES: ENABLE_LEARNER_RECORDS` is deprecated: `ENABLE_LEARNER_RECORDS` is now a top-level setting; set it at the top level.', 26, 2, 26, 24, I],
];

function withSeverity(d: vscode.Diagnostic): [string, number, number, number, number, vscode.DiagnosticSeverity] {
  return [...diagnosticTuple(d), d.severity];
}

/** Polls until the document's diagnostics equal `expected` (as message/range/severity tuples). */
async function expectDiagnostics(uri: vscode.Uri, expected: ReturnType<typeof withSeverity>[], what: string): Promise<void> {
  await poll(what, () => {
    const actual = ourDiagnostics(uri).map(withSeverity);
    return JSON.stringify(actual) === JSON.stringify(expected) ? true : undefined;
  }, { describe: () => ourDiagnostics(uri).map(withSeverity) });
}

/** Completion items at `position`, each resolved (documentation is filled in by completionItem/resolve). */
async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, undefined, 10_000);
  return list.items;
}

/** A completion item by label, with a readable failure listing the labels offered. */
function item(items: readonly vscode.CompletionItem[], label: string): vscode.CompletionItem {
  const found = items.find((i) => labelOf(i) === label);
  assert.ok(found, `no completion item ${label} among ${items.length}: ${items.map(labelOf).join(', ')}`);
  return found;
}

/** A position on a new empty line at the end of the document (its last line is empty). */
function endOf(document: vscode.TextDocument): vscode.Position {
  const last = document.lineAt(document.lineCount - 1);
  assert.equal(last.text, '', `${document.uri.fsPath} must end with a newline (its last line is empty)`);
  return last.range.start;
}

async function definitionsAt(uri: vscode.Uri, position: vscode.Position): Promise<Array<{ uri: vscode.Uri; range: vscode.Range }>> {
  const result = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, position);
  return result.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : { uri: d.uri, range: d.range }));
}

/** After each scenario, whatever it left unsaved is reverted (even when it failed half-way). */
export async function afterEach(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) if (document.isDirty) await revert(document);
}

export const scenarios: Scenario[] = [
  {
    name: '0. the extension activates and its language server starts',
    run: async () => {
      await api();
    },
  },
  {
    name: '1. opening lms.yml shows our diagnostics (type error, unknown key with suggestion, missing required)',
    run: async () => {
      const { documentInfo } = await api();
      const editor = await openEditor(examplePath(...LMS_YML));
      const uri = editor.document.uri;
      await expectDiagnostics(uri, LMS_DIAGNOSTICS, 'the diagnostics of lms.yml');
      // The schema is extracted live from the workspace's Python sources, not the shipped lms schema.
      const info = await poll('the server to report lms.yml\'s schema', () => (documentInfo(uri)?.source ? documentInfo(uri) : undefined));
      assert.deepEqual(
        { ida: info.ida, source: info.source, revision: info.revision },
        { ida: 'lms', source: 'live', revision: examplePath('openedx-platform-lite') },
      );
    },
  },
  {
    name: '2. completion on an empty line lists settings with type and default; applying one inserts it',
    run: async () => {
      await api();
      const editor = await openEditor(examplePath(...LMS_YML));
      const document = editor.document;
      const at = endOf(document);
      const items = await poll('completions on an empty line of lms.yml', async () => {
        const found = await completionsAt(document.uri, at);
        return found.length > 0 ? found : undefined;
      });
      // Settings from the workspace's sources, with their type and default (the detail).
      assert.equal(item(items, 'COURSE_SEARCH_INDEXING_PREFIX').detail, 'string = lite_');
      assert.equal(item(items, 'ENABLE_CROSS_DOMAIN_CSRF_COOKIE').detail, 'boolean = false');
      assert.equal(item(items, 'CERTIFICATE_TEMPLATE_LANGUAGES').detail, 'mapping = {}');
      assert.match(documentationText(item(items, 'COURSE_SEARCH_INDEXING_PREFIX')), /Prefix of the names of this site's search indexes\./);
      // The missing required setting comes first; keys the file already sets are not offered again.
      const sorted = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
      assert.equal(labelOf(sorted[0]), 'LMS_ROOT_URL');
      for (const present of ['PLATFORM_NAME', 'SECRET_KEY', 'PROGRESS_GRAPH_DAYS']) {
        assert.ok(!items.some((i) => labelOf(i) === present), `${present} is set in the file but offered again`);
      }

      // Applying the item (as accepting it does) inserts `KEY: ` at the cursor.
      const chosen = item(items, 'COURSE_SEARCH_INDEXING_PREFIX');
      const insert = chosen.insertText ?? labelOf(chosen);
      const range = chosen.range === undefined ? new vscode.Range(at, at) : 'inserting' in chosen.range ? chosen.range.inserting : chosen.range;
      editor.selection = new vscode.Selection(at, at);
      const applied = await editor.insertSnippet(typeof insert === 'string' ? new vscode.SnippetString(insert.replace(/\$/g, '\\$')) : insert, range);
      assert.ok(applied, 'the completion could not be inserted');
      assert.equal(document.lineAt(at.line).text, 'COURSE_SEARCH_INDEXING_PREFIX: ');
      // Given a value, the new key is a known setting: no new diagnostic appears on its line.
      await editor.insertSnippet(new vscode.SnippetString('lite_demo_'), document.lineAt(at.line).range.end);
      await expectDiagnostics(document.uri, LMS_DIAGNOSTICS, 'no new diagnostic after inserting a completion');
      await revert(document);
    },
  },
  {
    name: '3. hover shows documentation extracted live from the Python source',
    run: async () => {
      await api();
      // openedx-platform style: a code-annotations block in openedx/envs/common.py.
      const lms = (await openEditor(examplePath(...LMS_YML))).document;
      const common = examplePath(...LMS_COMMON);
      assert.match(readFileSync(common, 'utf8'), /# \.\. setting_description: Name of the site as learners see it: page titles, e-mails, certificates\.\n/);
      const hovers = await poll('a hover on PLATFORM_NAME in lms.yml', async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', lms.uri, positionOf(lms, 'PLATFORM_NAME:', 3));
        return found.length > 0 ? found : undefined;
      });
      assert.equal(
        hoverText(hovers),
        [
          '**`PLATFORM_NAME`** · `string`',
          '',
          'Name of the site as learners see it: page titles, e-mails, certificates.',
          '',
          '**Default:**',
          '',
          '```yaml',
          'PLATFORM_NAME: Lite Platform',
          '```',
          '',
          `Defined in [openedx/envs/common.py:26](${vscode.Uri.file(common).toString()}#L26)`,
        ].join('\n'),
      );
      assert.deepEqual(hovers[0].range && [hovers[0].range.start.line, hovers[0].range.start.character, hovers[0].range.end.line, hovers[0].range.end.character], [8, 0, 8, 13]);

      // OEP-45 style: the `#:` comment above the assignment in the demo IDA's defaults.py.
      const demo = (await openEditor(examplePath(...DEMO_YML))).document;
      const demoHovers = await poll('a hover on MAX_UPLOAD_BYTES in demo.yml', async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', demo.uri, positionOf(demo, 'MAX_UPLOAD_BYTES:', 2));
        return found.length > 0 ? found : undefined;
      });
      const text = hoverText(demoHovers);
      assert.match(text, /^\*\*`MAX_UPLOAD_BYTES`\*\* · `integer`\n\nLargest upload accepted, in bytes\.\n/);
      assert.ok(text.includes('MAX_UPLOAD_BYTES: 100000'), `no default in the hover:\n${text}`);
      assert.ok(text.includes(`[demo-ida/demo/settings/defaults.py:57](${vscode.Uri.file(examplePath(...DEMO_DEFAULTS)).toString()}#L57)`), `no origin link in the hover:\n${text}`);
    },
  },
  {
    name: '4. the "insert missing required settings" quick fix edits the file as expected',
    run: async () => {
      await api();
      const editor = await openEditor(examplePath(...LMS_YML));
      const document = editor.document;
      await expectDiagnostics(document.uri, LMS_DIAGNOSTICS, 'the diagnostics of lms.yml');
      const before = document.getText();
      const missing = ourDiagnostics(document.uri).find((d) => d.code === 'missing-required');
      assert.ok(missing, 'no missing-required diagnostic');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Insert the missing required setting `LMS_ROOT_URL`');
      assert.ok(fix, `no insert-required quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind?.value, 'quickfix');
      assert.ok(fix.edit, 'the quick fix has no edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
      assert.equal(document.getText(), `${before}LMS_ROOT_URL: ""\n`);
      // The missing-required error goes away. LMS_ROOT_ULR stays unknown, but with LMS_ROOT_URL now set
      // it is no longer taken for its typo: no suggestion, and information instead of a warning.
      await expectDiagnostics(
        document.uri,
        [['`LMS_ROOT_ULR` is not defined by lms settings; only a plugin could read it.', 10, 0, 10, 12, I], ...LMS_DIAGNOSTICS.slice(2)],
        'the missing-required diagnostic to go away',
      );
      await revert(document);
    },
  },
  {
    name: '4b. the "Open edX: Insert Missing Required Settings" command applies the same fix',
    run: async () => {
      await api();
      const editor = await openEditor(examplePath(...LMS_YML));
      const document = editor.document;
      await expectDiagnostics(document.uri, LMS_DIAGNOSTICS, 'the diagnostics of lms.yml');
      const before = document.getText();
      await vscode.commands.executeCommand('openedxConfig.insertMissingRequired');
      await poll('the command to insert LMS_ROOT_URL', () => (document.getText() !== before ? true : undefined), {
        timeoutMs: 10_000,
        describe: () => document.getText().slice(before.length - 40),
      });
      assert.equal(document.getText(), `${before}LMS_ROOT_URL: ""\n`);
      await revert(document);
    },
  },
  {
    name: '5. editing the IDA\'s settings source (add a setting, save) changes completions and diagnostics without reloading',
    run: async () => {
      await api();
      const demo = (await openEditor(examplePath(...DEMO_YML))).document;
      const missingBefore: ReturnType<typeof withSeverity> = ['Missing required setting: `OAUTH2_CLIENT_SECRET`.', 0, 0, 0, 57, E];
      await poll('demo.yml\'s missing-required diagnostic', () => {
        const d = ourDiagnostics(demo.uri).find((x) => x.code === 'missing-required');
        return d && JSON.stringify(withSeverity(d)) === JSON.stringify(missingBefore) ? true : undefined;
      }, { describe: () => ourDiagnostics(demo.uri).map(withSeverity) });
      const others = ourDiagnostics(demo.uri).filter((d) => d.code !== 'missing-required').map(withSeverity);
      assert.ok(!(await completionsAt(demo.uri, endOf(demo))).some((i) => labelOf(i) === 'DEMO_ADMIN_EMAIL'), 'DEMO_ADMIN_EMAIL is offered before it exists');

      // Add a required setting to required.py in its editor, and save.
      const required = (await openEditor(examplePath(...DEMO_REQUIRED))).document;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(required.uri, required.lineAt(required.lineCount - 1).range.end,
        '\n#: Address that receives the demo\'s error reports.\nDEMO_ADMIN_EMAIL: str\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await required.save(), 'required.py was not saved');

      // demo.yml, untouched, now misses the new setting too, and completion offers it.
      const missingAfter: ReturnType<typeof withSeverity> = ['Missing required settings: `DEMO_ADMIN_EMAIL`, `OAUTH2_CLIENT_SECRET`.', 0, 0, 0, 57, E];
      await expectDiagnostics(demo.uri, [missingAfter, ...others], 'demo.yml\'s diagnostics to follow the edited required.py');
      const offered = await poll('DEMO_ADMIN_EMAIL among the completions of demo.yml', async () =>
        (await completionsAt(demo.uri, endOf(demo))).find((i) => labelOf(i) === 'DEMO_ADMIN_EMAIL'));
      assert.equal(offered.detail, 'string');
      assert.match(documentationText(offered), /Address that receives the demo's error reports\./);
    },
  },
  {
    name: '6. go to definition opens the Python file at the right line',
    run: async () => {
      await api();
      const editor = await openEditor(examplePath(...LMS_YML));
      const lms = editor.document;
      const common = await vscode.workspace.openTextDocument(examplePath(...LMS_COMMON));
      const line = lineOf(common, (text) => text.startsWith('PLATFORM_NAME = '));
      const at = positionOf(lms, 'PLATFORM_NAME:', 4);
      const targets = await poll('a definition of PLATFORM_NAME', async () => {
        const found = await definitionsAt(lms.uri, at);
        return found.length > 0 ? found : undefined;
      });
      assert.deepEqual(targets.map((t) => [t.uri.fsPath, t.range.start.line]), [[common.uri.fsPath, line]]);

      // As the user does it (F12): the Python file opens with the cursor on the assignment.
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.revealDefinition');
      const opened = await poll('common.py to open at PLATFORM_NAME', () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.fsPath === common.uri.fsPath ? active : undefined;
      }, { describe: () => vscode.window.activeTextEditor?.document.uri.fsPath });
      assert.equal(opened.selection.active.line, line);
      assert.ok(opened.visibleRanges.some((r) => r.contains(new vscode.Position(line, 0))), 'the definition line is not scrolled into view');

      // The OEP-45 demo IDA: a key of demo.yml leads to its line in defaults.py.
      const demo = (await openEditor(examplePath(...DEMO_YML))).document;
      const defaults = await vscode.workspace.openTextDocument(examplePath(...DEMO_DEFAULTS));
      const demoTargets = await definitionsAt(demo.uri, positionOf(demo, 'MAX_UPLOAD_BYTES:', 1));
      assert.deepEqual(
        demoTargets.map((t) => [t.uri.fsPath, t.range.start.line]),
        [[defaults.uri.fsPath, lineOf(defaults, (text) => text.startsWith('MAX_UPLOAD_BYTES = '))]],
      );
    },
  },
];
