/**
 * package.json's `contributes` against the code it describes: the client's command table, the
 * server's settings and rules, the icon and the document selector.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMMAND_CATEGORY, Commands, MENU_COMMANDS } from '../../../client/src/commandIds';
import { DOCUMENT_SELECTOR } from '../../../client/src/documentSelector';
import { DEFAULT_SETTINGS, SETTING_NAMES } from '../../../server/src/registry/settings';
import { RULES, RULE_IDS } from '../../../server/src/service/rules';
import { repoRoot } from '../grammar/tokenize';

interface Property {
  type: string;
  default: unknown;
  scope?: string;
  markdownDescription?: string;
  properties?: Record<string, Property>;
  enum?: string[];
}
interface Manifest {
  main: string;
  icon: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] }; virtualWorkspaces: { supported: boolean | string } };
  contributes: {
    configuration: { properties: Record<string, Property> };
    commands: { command: string; title: string; category: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
  };
}

const root = repoRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('contributes.commands', () => {
  it('matches the client command table, all in the "Open edX" category', () => {
    const expected = [...MENU_COMMANDS.map((c) => [c.id, c.title]), [Commands.statusMenu, 'Show Commands']].sort();
    assert.deepEqual(pkg.contributes.commands.map((c) => [c.command, c.title]).sort(), expected);
    for (const c of pkg.contributes.commands) assert.equal(c.category, COMMAND_CATEGORY, c.command);
  });

  it('gives every command a palette `when` clause, and hides the status menu', () => {
    const when = new Map(pkg.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    for (const c of pkg.contributes.commands) assert.ok(when.has(c.command), c.command);
    assert.equal(when.get(Commands.statusMenu), 'false');
    assert.equal(when.get(Commands.insertMissingRequired), 'openedxConfig.active && openedxConfig.isIdaFile');
  });
});

describe('contributes.configuration', () => {
  const props = pkg.contributes.configuration.properties;

  /** Settings only the client reads. */
  const CLIENT_ONLY = ['trace.server', 'documentation.download', 'documentation.baseUrl'];
  /** Server settings whose default is the client's to choose (the cache folder: the extension's storage). */
  const CLIENT_DEFAULTS: Partial<Record<keyof typeof DEFAULT_SETTINGS, unknown>> = { documentationCache: '', librariesCache: '' };
  /** Settings of the user's machine, not of a folder: a workspace cannot set them at all. */
  const APPLICATION: ReadonlySet<string> = new Set(['documentation.cacheFolder', 'documentation.download', 'documentation.baseUrl', 'libraries.cacheFolder']);

  it('declares exactly the settings the server reads, plus the client\'s own', () => {
    const expected = [...Object.values(SETTING_NAMES), ...CLIENT_ONLY].map((n) => `openedxConfig.${n}`).sort();
    assert.deepEqual(Object.keys(props).sort(), expected);
  });

  it('uses the server defaults, and documents every setting', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const name = SETTING_NAMES[key as keyof typeof SETTING_NAMES];
      assert.deepEqual(props[`openedxConfig.${name}`].default, Object.hasOwn(CLIENT_DEFAULTS, key) ? CLIENT_DEFAULTS[key as keyof typeof CLIENT_DEFAULTS] : value, key);
    }
    assert.equal(props['openedxConfig.documentation.download'].default, 'ask');
    assert.equal(props['openedxConfig.documentation.baseUrl'].default, 'https://raw.githubusercontent.com');
    for (const [key, p] of Object.entries(props)) assert.ok((p.markdownDescription ?? '').length > 40, key);
  });

  it('scopes folder-specific settings per resource, the machine\'s per application, and tracing per window', () => {
    for (const name of [...Object.values(SETTING_NAMES), ...CLIENT_ONLY.filter((n) => n !== 'trace.server')]) {
      assert.equal(props[`openedxConfig.${name}`].scope, APPLICATION.has(name) ? 'application' : 'resource', name);
    }
    assert.equal(props['openedxConfig.trace.server'].scope, 'window');
    assert.deepEqual(props['openedxConfig.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(props['openedxConfig.documentation.download'].enum, ['ask', 'always', 'never']);
  });

  it('lists every rule with its default severity', () => {
    const rules = props['openedxConfig.rules'].properties ?? {};
    assert.deepEqual(Object.keys(rules), [...RULE_IDS]);
    for (const id of RULE_IDS) {
      assert.deepEqual(rules[id].enum, ['error', 'warning', 'information', 'hint', 'off'], id);
      assert.match(rules[id].markdownDescription ?? '', new RegExp(`Default: \`${RULES[id].defaultSeverity}\`\\.$`), id);
    }
  });
});

describe('manifest', () => {
  it('runs the bundled client, on YAML files, in (limited) untrusted and virtual workspaces', () => {
    assert.equal(pkg.main, './dist/client.js');
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/lms.yml'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    // Every setting that names a file to read, or decides which files are read, is a workspace's to set only once trusted.
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['openedxConfig.schemas', 'openedxConfig.sources', 'openedxConfig.associations', 'openedxConfig.documentation.download', 'openedxConfig.documentation.baseUrl', 'openedxConfig.documentation.cacheFolder', 'openedxConfig.pythonEnvironment', 'openedxConfig.libraries.cacheFolder']);
    for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(pkg.contributes.configuration.properties[key], key);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    // vscode-languageclient 11 needs VS Code 1.91.
    assert.equal(pkg.engines.vscode, '^1.91.0');
  });

  it('has a 128×128 PNG icon', () => {
    const png = readFileSync(path.join(root, pkg.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('hands the server YAML documents and YAML templates', () => {
    assert.deepEqual(DOCUMENT_SELECTOR, [
      { language: 'yaml' },
      { pattern: '**/*.yml' },
      { pattern: '**/*.yaml' },
      { pattern: '**/*.{yml,yaml}.{jinja,jinja2,j2,tmpl,tpl}' },
    ]);
  });
});
