/**
 * UI-level checks through the workbench page: what a user sees of completion, hover and the Problems
 * panel on examples/openedx-platform-lite/lms.yml, with a screenshot of each.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { remoteUri, startCodeServer, workbenchUrl, type CodeServer } from '../launcher/codeServer';
import { repoRoot } from '../launcher/toolchain';
import { openWorkbench, waitForWorkbench, type Workbench } from '../launcher/workbench';
import { activeEditor, problemRows, quickOpen, suggestionLabels, tokenBox, until, waitForSettledHover } from './actions';
import { UI_EXPECTATIONS as EXPECT } from './expectations';

export interface UiCheckOptions {
  /** The folder to open (a fresh copy of examples/). */
  workspace: string;
  /** Where the screenshots go. */
  screenshotsDir: string;
}

/** Runs the UI flow; returns the duration of each step in ms. Throws on the first failed check. */
export async function runUiChecks(options: UiCheckOptions): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  let last = Date.now();
  const lap = (name: string): void => {
    timings[name] = Date.now() - last;
    last = Date.now();
  };
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

    // Completion on an empty line at the end of the file.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Space');
    const labels = await until('the suggest widget to list our settings', async () => {
      const rows = await suggestionLabels(page);
      return rows.some((r) => r.includes(EXPECT.completion.label)) ? rows : undefined;
    });
    for (const expected of EXPECT.completion.rowIncludes) {
      assert.ok(labels.some((r) => r.includes(expected)), `no suggestion row includes "${expected}":\n${labels.join('\n')}`);
    }
    await page.screenshot({ path: shot('completion-full.png') });
    await screenshotOf(page, '.part.editor', shot('completion.png'));
    await page.keyboard.press('Escape');
    lap('completion (Ctrl+Space)');

    // Hover over a key: documentation from the Python source.
    const box = await tokenBox(page, EXPECT.hover.key);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const hover = await waitForSettledHover(page);
    const hoverText = await hover.innerText();
    for (const expected of EXPECT.hover.includes) {
      assert.ok(hoverText.includes(expected), `the hover lacks "${expected}":\n${hoverText}`);
    }
    await page.screenshot({ path: shot('hover-full.png') });
    await screenshotOf(page, '.part.editor', shot('hover.png'));
    await page.mouse.move(5, 5);
    lap('hover');

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

/** Screenshots the bounding box of the first element matching `selector`. */
async function screenshotOf(page: Workbench['page'], selector: string, file: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is not rendered`);
  await page.screenshot({ path: file, clip: box });
}
