/**
 * UI-level checks through the workbench page: what a user sees of completion, hover and the Problems
 * panel on examples/openedx-platform-lite/lms.yml, with a screenshot of each.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { remoteUri, startCodeServer, workbenchUrl, type CodeServer } from '../launcher/codeServer';
import { repoRoot } from '../launcher/toolchain';
import { openWorkbench, waitForWorkbench, type Workbench } from '../launcher/workbench';
import { activeEditor, parkBelow, pointAt, problemRows, quickOpen, suggestionLabels, until, waitForSettledHover, stopwatch } from './actions';
import { UI_EXPECTATIONS as EXPECT } from './expectations';

export interface UiCheckOptions {
  /** The folder to open (a fresh copy of examples/). */
  workspace: string;
  /** Where the screenshots go. */
  screenshotsDir: string;
}

/** Runs the UI flow; returns the duration of each step in ms. Throws on the first failed check. */
export async function runUiChecks(options: UiCheckOptions): Promise<Record<string, number>> {
  const { timings, lap } = stopwatch();
  const shot = (name: string): string => path.join(options.screenshotsDir, name);
  const log: string[] = [];
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    server = await startCodeServer({ onLine: (line) => log.push(line) });
    const url = workbenchUrl(server.origin, options.workspace, [['extensionDevelopmentPath', remoteUri(server.origin, repoRoot)]]);
    workbench = await openWorkbench(url, { onLog: (type, message) => log.push(`[${type}] ${message}`) });
    const { page } = workbench;
    await waitForWorkbench(page);
    lap('workbench ready');

    await quickOpen(page, EXPECT.quickOpenQuery, EXPECT.fileName);
    lap('Quick Open lms.yml');

    // The server has analysed the file once its problems are drawn in the editor.
    await until('our diagnostics to be drawn in the editor', async () =>
      (await activeEditor(page).locator('.squiggly-error').count()) > 0 ? true : undefined, 30_000);
    lap('diagnostics drawn');

    // Completion on an empty line: the whole list first, then filtered, with the details of a suggestion.
    const C = EXPECT.completion;
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(C.line));
    await page.keyboard.press('Enter');
    await until(`the cursor on line ${C.line}`, async () =>
      ((await page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText()).startsWith(`Ln ${C.line}, Col 1`) ? true : undefined));
    await page.keyboard.press('Control+Space');
    const labels = await until('the suggest widget to list our settings', async () => {
      const rows = await suggestionLabels(page);
      return rows.length > 0 ? rows : undefined;
    });
    assert.ok(labels[0].startsWith(`${C.firstRow},`), `first suggestion:\n${labels.join('\n')}`);
    for (const key of C.notOffered) {
      assert.ok(!labels.some((r) => r.startsWith(`${key},`) || r === key), `${key} is offered though the file sets it`);
    }
    await page.keyboard.type(C.filter);
    await until(`the list filtered to ${C.filtered.join(', ')}`, async () => {
      const rows = (await suggestionLabels(page)).map((r) => r.split(',')[0]);
      return JSON.stringify(rows) === JSON.stringify(C.filtered) ? true : undefined;
    });
    // Ctrl+Space again shows the details of the focused suggestion (type, default, documentation).
    const details = page.locator('.suggest-details-container .suggest-details').first();
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
    await until('the suggestion details', async () => {
      const text = (await details.isVisible()) ? await details.innerText() : '';
      return C.details.every((d) => text.includes(d)) ? true : undefined;
    });
    await page.screenshot({ path: shot('completion-full.png') });
    await screenshotOf(page, '.part.editor', shot('completion.png'));
    await page.keyboard.type(C.more);
    await until(`${C.chosen} to be the focused suggestion`, async () => {
      const focused = await page.locator('.suggest-widget.visible .monaco-list-row.focused').first().getAttribute('aria-label');
      return focused?.startsWith(`${C.chosen},`) ? true : undefined;
    });
    await page.keyboard.press('Enter');
    await until('the accepted suggestion in the editor', async () =>
      (await activeEditor(page).locator('.view-lines .view-line').evaluateAll((lines) => lines.map((l) => l.textContent ?? ''))).some((t) =>
        t.replace(/\u00a0/g, ' ').startsWith(C.inserted)) ? true : undefined);
    await undoAll(page);
    lap('completion (Ctrl+Space, filter, details, accept)');

    // Hover over a key: documentation from the Python source.
    await page.keyboard.press('Control+Home');
    await pointAt(page, EXPECT.hover.key);
    const hover = await waitForSettledHover(page);
    const hoverText = await hover.innerText();
    for (const expected of EXPECT.hover.includes) {
      assert.ok(hoverText.includes(expected), `the hover lacks "${expected}":\n${hoverText}`);
    }
    await page.screenshot({ path: shot('hover-full.png') });
    await screenshotOf(page, '.part.editor', shot('hover.png'));
    await parkBelow(page, EXPECT.hover.parkBelow);
    lap('hover');

    // Hover over a key a library of the workspace's .venv reads: its scan is over once the status bar no longer says so.
    await until('the scan of the workspace .venv to end', async () => {
      const texts = await page.locator('.statusbar-item').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
      return texts.some((t) => t.includes('lms · ')) && !texts.some((t) => t.includes('scanning')) ? true : undefined;
    });
    const L = EXPECT.libraryHover;
    await pointAt(page, L.key);
    const libraryHover = await until('the hover to show who reads the key', async () => {
      const text = await (await waitForSettledHover(page)).innerText();
      return L.includes.every((t) => text.includes(t)) ? text : undefined;
    });
    assert.ok(libraryHover.length > 0);
    await screenshotOf(page, '.part.editor', shot('library-hover.png'));
    await parkBelow(page, L.parkBelow);
    lap('library hover');

    // The Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const rows = await until('the Problems panel to list our diagnostics', async () => {
      const found = await problemRows(page);
      return EXPECT.problems.every((p) => found.some((r) => r.includes(p))) ? found : undefined;
    });
    assert.ok(rows.length > EXPECT.problems.length, `Problems panel rows:\n${rows.join('\n')}`);
    await page.screenshot({ path: shot('problems.png') });
    lap('Problems panel (Ctrl+Shift+M)');
    return timings;
  } catch (error) {
    if (workbench) await workbench.page.screenshot({ path: shot('failure.png') }).catch(() => undefined);
    const tail = log.slice(-40).join('\n');
    throw new Error(`${(error as Error).message}\n(screenshot: ${shot('failure.png')})\n--- last log lines ---\n${tail}`);
  } finally {
    await workbench?.close();
    await server?.stop();
  }
}

/** Undoes edits until the active editor's tab is no longer dirty. */
async function undoAll(page: Workbench['page']): Promise<void> {
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  for (let i = 0; i < 20 && (await dirty.count()) > 0; i++) await page.keyboard.press('Control+Z');
  await until('the editor to be back to the file on disk', async () => ((await dirty.count()) === 0 ? true : undefined), 5_000);
}

/** Screenshots the bounding box of the first element matching `selector`. */
async function screenshotOf(page: Workbench['page'], selector: string, file: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is not rendered`);
  await page.screenshot({ path: file, clip: box });
}
