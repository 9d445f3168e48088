/**
 * The part of playwright-core's API the e2e layer uses, typed here so that the project compiles without
 * the toolchain installed; the module itself is loaded at run time from .cache/e2e (see toolchain.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromiumPath, playwrightCoreDir } from './toolchain';

/** The few DOM members that in-page callbacks use (the project compiles without the DOM lib). */
export interface DomElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getAnimations(options?: { subtree?: boolean }): Array<{ readonly playState: string }>;
}

/** The page's `getComputedStyle`, for callbacks that run in the page. */
export type ComputedStyleFn = (element: DomElement) => { readonly opacity: string };

export interface Locator {
  locator(selector: string): Locator;
  first(): Locator;
  nth(index: number): Locator;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  textContent(): Promise<string | null>;
  innerText(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  click(options?: { timeout?: number; button?: 'left' | 'right' | 'middle' }): Promise<void>;
  hover(options?: { timeout?: number; position?: { x: number; y: number }; force?: boolean }): Promise<void>;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  screenshot(options?: { path?: string }): Promise<Buffer>;
  evaluate<R>(fn: (element: DomElement) => R): Promise<R>;
  evaluateAll<R>(fn: (elements: DomElement[]) => R): Promise<R>;
}

export interface Keyboard {
  press(key: string, options?: { delay?: number }): Promise<void>;
  type(text: string, options?: { delay?: number }): Promise<void>;
  insertText(text: string): Promise<void>;
}

export interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  click(x: number, y: number): Promise<void>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Page {
  goto(url: string, options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' | 'commit' }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  locator(selector: string): Locator;
  keyboard: Keyboard;
  mouse: Mouse;
  screenshot(options?: { path?: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } }): Promise<Buffer>;
  waitForFunction(expression: string, arg?: undefined, options?: { timeout?: number; polling?: number | 'raf' }): Promise<unknown>;
  /** Evaluates a JavaScript expression (a string: the project compiles without the DOM lib). */
  evaluate<R>(expression: string): Promise<R>;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'crash' | 'close', listener: () => void): void;
  isClosed(): boolean;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: {
    launch(options: { executablePath: string; headless: boolean; args: string[]; timeout?: number }): Promise<Browser>;
  };
}

/**
 * Chromium's flags as root on this closed network (E2E-OFFLINE.md): no sandbox (root), no GPU, and no
 * background connections (refused by the network, which otherwise slows start-up). Playwright adds
 * --headless and a fresh --user-data-dir itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Debian's headless Chromium through playwright-core from the e2e cache. */
export async function launchChromium(): Promise<Browser> {
  const load = createRequire(path.join(playwrightCoreDir, 'package.json'));
  const playwright = load(playwrightCoreDir) as PlaywrightCore;
  return playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
