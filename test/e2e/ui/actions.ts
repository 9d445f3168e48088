/**
 * Workbench actions through the page, as a user performs them (keyboard and mouse), each waiting for
 * its visible effect by polling the DOM; no fixed sleeps.
 */
import type { ComputedStyleFn, Locator, Page } from '../launcher/playwright';

/** Polls `probe` every 50 ms until it returns a value other than undefined; fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The editor that has keyboard focus. */
export function activeEditor(page: Page): Locator {
  return page.locator('.part.editor .editor-instance .monaco-editor.focused').first();
}

/** Opens a file with Quick Open (Ctrl+P), typing `query` and picking the entry whose label is `fileName`. */
export async function quickOpen(page: Page, query: string, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(query);
  // Wait until the first result is the file (the file search runs asynchronously).
  await until(`Quick Open to list ${fileName}`, async () => {
    const label = await page.locator('.quick-input-widget .monaco-list-row').first().getAttribute('aria-label').catch(() => null);
    return label && label.includes(fileName) ? true : undefined;
  });
  await page.keyboard.press('Enter');
  await until(`the editor tab of ${fileName}`, async () =>
    (await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).count()) > 0 ? true : undefined,
  );
  await activeEditor(page).waitFor({ state: 'visible', timeout: 15_000 });
}

/** aria-labels of the rows of the visible suggest widget. */
export async function suggestionLabels(page: Page): Promise<string[]> {
  return page
    .locator('.suggest-widget.visible .monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/**
 * The position in the page of `text` as the editor renders it: the first rendered token whose text is
 * exactly `text` (a YAML key is its own token).
 */
export async function tokenBox(page: Page, text: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const token = page.locator(`.part.editor .monaco-editor .view-lines span span:text-is("${text}")`).first();
  await token.waitFor({ state: 'visible', timeout: 15_000 });
  const box = await token.boundingBox();
  if (!box) throw new Error(`"${text}" is not rendered in the editor`);
  return box;
}

/** Points the mouse at the middle of the token `text` in the editor (a key, to hover it). */
export async function pointAt(page: Page, text: string): Promise<void> {
  const box = await tokenBox(page, text);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
}

/**
 * Parks the mouse right of the line below the token `text`, where nothing is hovered (and holding
 * Ctrl underlines no key as a link), and waits for the open hover to close.
 */
export async function parkBelow(page: Page, text: string): Promise<void> {
  const box = await tokenBox(page, text);
  await page.mouse.move(box.x + 400, box.y + box.height * 1.5);
  await until('the hover to close', async () => ((await page.locator('.monaco-hover:not(.hidden)').count()) === 0 ? true : undefined));
}

/** Waits until the visible hover has finished fading in (opacity 1, no running animation). */
export async function waitForSettledHover(page: Page, timeoutMs = 15_000): Promise<Locator> {
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: timeoutMs });
  await until(
    'the hover to finish fading in',
    async () =>
      (await hover.evaluate((el) => {
        // Runs in the page, where getComputedStyle is a global.
        const style = (globalThis as unknown as { getComputedStyle: ComputedStyleFn }).getComputedStyle(el);
        return style.opacity === '1' && el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
      }))
        ? true
        : undefined,
    timeoutMs,
  );
  return hover;
}

/** Rendered row labels of the Problems panel (aria-labels of its tree rows). */
export async function problemRows(page: Page): Promise<string[]> {
  return page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Step timings of a UI flow: `lap(name)` records the time since the previous lap (or the start). */
export function stopwatch(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let last = Date.now();
  return {
    timings,
    lap: (name) => {
      timings[name] = Date.now() - last;
      last = Date.now();
    },
  };
}
