/**
 * The documentation download as a user meets it in the workbench: an installed extension whose
 * shipped demo schema has no documentation yet; opening a config file that uses it shows the offer;
 * *Download* fetches the pinned files from a local HTTP server standing in for upstream
 * (`openedxConfig.documentation.baseUrl`); the status bar then says `· docs` and the hover shows
 * the description. Screenshots of the offer and of the documented hover.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';
import { remoteUri, startCodeServer, workbenchUrl, type CodeServer } from '../launcher/codeServer';
import { openWorkbench, waitForWorkbench, type Workbench } from '../launcher/workbench';
import { DEMO_COMMIT, DEMO_REPO, DJANGO_COMMIT, startDemoUpstream, type DemoUpstream } from '../../helpers/demoUpstream';
import { pointAt, quickOpen, until, waitForSettledHover, stopwatch } from './actions';

/** What the check expects (the demo IDA's own `#:` comment of PLATFORM_NAME). */
export const DOCUMENTATION_EXPECTATIONS = {
  offer: 'Download the setting documentation of demo? Hovers now show types, defaults and links only.',
  status: `demo · shipped ${DEMO_COMMIT.slice(0, 7)} · docs`,
  key: 'PLATFORM_NAME',
  description: 'Name of the learning platform, shown in page titles and e-mails.',
} as const;

/** Runs the flow; returns the duration of each step in ms. Throws on the first failed check. */
export async function runDocumentationCheck(options: { screenshotsDir: string }): Promise<Record<string, number>> {
  const E = DOCUMENTATION_EXPECTATIONS;
  const { timings, lap } = stopwatch();
  const shot = (name: string): string => path.join(options.screenshotsDir, name);
  const log: string[] = [];
  let demo: DemoUpstream | undefined;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    demo = await startDemoUpstream({ django: true, extension: true });
    const workspace = path.join(demo.root, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'demo.yml'), '# openedx-config: ida=demo\nPLATFORM_NAME: Example University Online\nSERVICE_NAME: demo\n');
    // User settings (the documentation settings have application scope: a workspace cannot set them).
    server = await startCodeServer({ onLine: (line) => log.push(line), settings: { 'openedxConfig.documentation.baseUrl': demo.baseUrl } });
    const url = workbenchUrl(server.origin, workspace, [['extensionDevelopmentPath', remoteUri(server.origin, demo.extension)]]);
    workbench = await openWorkbench(url, { onLog: (type, message) => log.push(`[${type}] ${message}`) });
    const { page } = workbench;
    await waitForWorkbench(page);
    lap('workbench ready');

    await quickOpen(page, 'demo.yml', 'demo.yml');
    const toast = page.locator(`.notifications-toasts .notification-toast:has-text(${JSON.stringify(E.offer)})`).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(demo.requests.length, 0, 'nothing is downloaded before the user says so');
    await page.screenshot({ path: shot('documentation-offer.png') });
    lap('the offer');

    await toast.locator('.monaco-button:text-is("Download")').first().click();
    await until(`the status bar to say "${E.status}"`, async () => {
      const texts = await page.locator('.statusbar-item').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
      return texts.some((t) => t.includes(E.status)) ? true : undefined;
    }, 30_000);
    assert.deepEqual([...demo.requests].sort(), [
      `/django/django/${DJANGO_COMMIT}/docs/ref/settings.txt`,
      ...['__init__.py', 'defaults.py', 'required.py'].map((f) => `/${DEMO_REPO}/${DEMO_COMMIT}/demo/settings/${f}`),
    ]);
    lap('Download → status bar · docs');

    await pointAt(page, E.key);
    const hover = await waitForSettledHover(page);
    const text = await until('the hover to show the downloaded description', async () => {
      const t = await hover.innerText();
      return t.includes(E.description) ? t : undefined;
    });
    assert.ok(text.includes(`demo/settings/defaults.py:15`), text);
    await page.screenshot({ path: shot('documentation-hover.png') });
    lap('hover with the downloaded documentation');
    return timings;
  } catch (error) {
    if (workbench) await workbench.page.screenshot({ path: shot('documentation-failure.png') }).catch(() => undefined);
    const tail = log.slice(-40).join('\n');
    throw new Error(`${(error as Error).message}\n(screenshot: ${shot('documentation-failure.png')})\n--- last log lines ---\n${tail}`);
  } finally {
    await workbench?.close();
    await server?.stop();
    await demo?.close();
  }
}
