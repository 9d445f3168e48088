/**
 * Plugin apps given as entry points by the caller (read from an installed environment's
 * `*.dist-info/entry_points.txt`), resolved against the folder their modules live under (a
 * `site-packages`): which settings modules the framework would run for them.
 */
import { getPythonParser } from '../../python/parser';
import { parseOnce } from '../../python/parseCache';
import { fileSystemReader } from '../sourceReader';
import { pluginSettingsModules, type EntryPointSource, type PluginDiscovery } from './discovery';

/**
 * The settings modules of the given entry points' plugin apps for one project type
 * (`lms.djangoapp`) and settings type (`common`, `production`), their paths relative to `root`.
 * Reads `apps.py` files below `root` (regular files inside it only), never runs them.
 */
export async function findPluginSettingsModules(root: string, source: EntryPointSource, projectType: string, settingsType: string): Promise<PluginDiscovery> {
  const parser = await getPythonParser();
  const reader = fileSystemReader(root);
  return pluginSettingsModules(source, projectType, settingsType, {
    exists: (rel) => reader.exists(rel),
    parse: (rel) => {
      const read = reader.read(rel);
      return read.ok ? parseOnce(parser, read.value) : undefined;
    },
  });
}
