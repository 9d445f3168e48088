/**
 * Opens the code-server workbench in headless Chromium, with the two hooks through which VS Code's web
 * workbench reports an extension test run: `codeAutomationLog(type, message)` and `codeAutomationExit(code)`.
 */
import type { Browser, BrowserContext, Page } from './playwright';
import { launchChromium } from './playwright';

export interface WorkbenchOptions {
  /** Called for each line the workbench logs through codeAutomationLog, and for page errors. */
  onLog?: (type: string, message: string) => void;
  /** Viewport in CSS pixels; 1280×800 keeps screenshots readable in a README. */
  viewport?: { width: number; height: number };
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Resolves with the code the workbench passes to codeAutomationExit (the extension test run's result). */
  exitCode: Promise<number>;
  close(): Promise<void>;
}

/** Launches Chromium and navigates to `url`; resolves once the page has committed the navigation. */
export async function openWorkbench(url: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    let resolveExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
      options.onLog?.(type, formatLogMessage(message));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      resolveExit(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (error) => options.onLog?.('pageerror', String(error)));
    page.on('crash', () => {
      options.onLog?.('error', 'the workbench page crashed');
      resolveExit(1);
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    return {
      browser,
      context,
      page,
      exitCode,
      close: async () => {
        await browser.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** Waits until the workbench has rendered its editor area and status bar (it is usable). */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** codeAutomationLog receives console-style arguments (an array); print them as console.log would. */
function formatLogMessage(message: unknown): string {
  const parts = Array.isArray(message) ? message : [message];
  return parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
}
