/**
 * The end-to-end scenarios, in the order they run. Each asserts exact, user-visible results.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, poll } from './helpers';
import type { Scenario } from './runner';

export const scenarios: Scenario[] = [
  {
    name: '0. the extension activates',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      await extension.activate();
      await poll('the extension to be active', () => (extension.isActive ? true : undefined));
    },
  },
];
