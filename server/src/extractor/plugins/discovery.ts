/**
 * Finds the plugin apps' settings modules the way the edx-django-utils plugin framework does at
 * run time, statically: the entry points of a project type (`lms.djangoapp`, `cms.djangoapp`),
 * each app's `AppConfig` in the module its entry point names, that class's `plugin_app`
 * `settings_config` for the settings type (`common`, `production`, …), and the module it names
 * under the app's package. When the configuration cannot be read as literals, the app's
 * `settings/<settings type>.py` is taken by convention.
 */
import type { ExtractionProblem } from '../../catalog/types';
import { derivedKey, type ParsedFile } from '../../python/parseCache';
import { readAppConfigs, settingsModuleOf, type AppConfigFacts } from './appConfig';
import { entryPointsFromPyproject, entryPointsFromSetupPy, entryPointTarget, type EntryPoint } from './entryPoints';

/** How discovery reads files: POSIX paths relative to the root the entry points' modules live under. */
export interface DiscoveryFiles {
  exists(rel: string): boolean;
  /** The file, read and parsed; undefined when it cannot be read. */
  parse(rel: string): ParsedFile | undefined;
}

/** One plugin settings module that `add_plugins` runs. */
export interface PluginSettingsModule {
  /** The entry point's name (`ace_common`). */
  app: string;
  /** The entry point group (the project type). */
  group: string;
  /** The Django app's package (`AppConfig.name`): `openedx.core.djangoapps.ace_common`. */
  appName: string;
  /** POSIX path of the settings module. */
  file: string;
  /** Where its path came from: the app's `settings_config`, or the convention (`settings/<type>.py`). */
  from: 'settings-config' | 'convention';
  /** POSIX path of the module holding the `AppConfig`. */
  appsFile: string;
  /** The distribution that holds the app (`openedx-platform`), for `SettingReader.package`. */
  package: string;
  /** Its version, when known. */
  version?: string;
}

/** What discovery found, and what it could not follow. */
export interface PluginDiscovery {
  modules: PluginSettingsModule[];
  problems: ExtractionProblem[];
}

/** Where a set of entry points comes from: the distribution, and the file that declares them (for problems). */
export interface EntryPointSource {
  package: string;
  version?: string;
  /** POSIX path of the declaring file (`pyproject.toml`), when there is one. */
  file?: string;
  entryPoints: readonly EntryPoint[];
}

const PYPROJECT_ENTRY_POINTS = derivedKey<EntryPoint[]>('pyproject.toml entry points');
const SETUP_PY_ENTRY_POINTS = derivedKey<EntryPoint[]>('setup.py entry points');
const APP_CONFIGS = derivedKey<Map<string, AppConfigFacts>>('apps.py AppConfig classes');

/**
 * The entry points a source checkout declares for itself: its `pyproject.toml`'s
 * `[project.entry-points.*]` tables (the current platform), else its `setup.py`'s `entry_points`.
 */
export function declaredEntryPoints(files: DiscoveryFiles, pkg: string): EntryPointSource | undefined {
  if (files.exists('pyproject.toml')) {
    const parsed = files.parse('pyproject.toml');
    const entryPoints = parsed?.derive(PYPROJECT_ENTRY_POINTS, () => entryPointsFromPyproject(parsed.text)) ?? [];
    if (entryPoints.length > 0) return { package: pkg, file: 'pyproject.toml', entryPoints };
  }
  if (files.exists('setup.py')) {
    const parsed = files.parse('setup.py');
    const entryPoints = parsed?.derive(SETUP_PY_ENTRY_POINTS, () => entryPointsFromSetupPy(parsed.root)) ?? [];
    if (entryPoints.length > 0) return { package: pkg, file: 'setup.py', entryPoints };
  }
  return undefined;
}

/** The file of a dotted module among `files`: `a/b.py` or `a/b/__init__.py`. */
export function moduleFile(module: string, files: Pick<DiscoveryFiles, 'exists'>): string | undefined {
  const base = module.split('.').join('/');
  return [`${base}.py`, `${base}/__init__.py`].find((f) => files.exists(f));
}

/** The settings modules of one source's plugin apps for a project type and settings type, in entry point order. */
export function pluginSettingsModules(source: EntryPointSource, projectType: string, settingsType: string, files: DiscoveryFiles): PluginDiscovery {
  const modules: PluginSettingsModule[] = [];
  const problems: ExtractionProblem[] = [];
  const problem = (file: string, line: number, message: string): void => {
    problems.push({ code: 'import-not-found', message, file, line, column: 0 });
  };
  const seen = new Set<string>();
  for (const ep of source.entryPoints) {
    // The framework loads one app per entry point name (stevedore keeps the first it finds).
    if (ep.group !== projectType || seen.has(ep.name)) continue;
    seen.add(ep.name);
    const where = `plugin app \`${ep.name}\` (${ep.group})`;
    const target = entryPointTarget(ep.value);
    const appsFile = target ? moduleFile(target.module, files) : undefined;
    if (!target || !appsFile) {
      if (source.file !== undefined) problem(source.file, ep.line ?? 1, `${where}: \`${ep.value}\` is not a module in these sources; its settings are not known`);
      continue;
    }
    const parsed = files.parse(appsFile);
    const className = target.attribute?.split('.').pop();
    const facts = parsed !== undefined && className !== undefined ? parsed.derive(APP_CONFIGS, () => readAppConfigs(parsed.root)).get(className) : undefined;
    const ownPackage = appsFile.endsWith('/__init__.py') ? target.module : target.module.split('.').slice(0, -1).join('.');
    const appName = facts?.name ?? ownPackage;
    const place = facts === undefined ? 'convention' : settingsModuleOf(facts, projectType, settingsType);
    if (place === 'none') continue;
    const found = place === 'convention' ? moduleFile(`${appName}.settings.${settingsType}`, files) : moduleFile(`${appName}.${place.relativePath}`, files);
    if (found === undefined) {
      // By convention a missing module only means the app has no settings of that type.
      const line = typeof facts?.pluginApp === 'object' ? facts.pluginApp.line : 1;
      if (place !== 'convention') problem(appsFile, line, `${where}: its ${settingsType} settings module \`${appName}.${place.relativePath}\` is not in these sources`);
      continue;
    }
    modules.push({
      app: ep.name,
      group: ep.group,
      appName,
      file: found,
      from: place === 'convention' ? 'convention' : 'settings-config',
      appsFile,
      package: source.package,
      ...(source.version !== undefined ? { version: source.version } : {}),
    });
  }
  return { modules, problems };
}

/** Finds the settings modules an `add_plugins(project type, settings type)` call runs (see {@link sourcePluginHost}). */
export interface PluginHost {
  modules(projectType: string, settingsType: string, files: DiscoveryFiles): PluginDiscovery;
}

/**
 * The plugin apps of a source checkout: those its own packaging declares, then any entry points
 * given (installed elsewhere but resolved against the same root).
 * @param pkg the checkout's distribution name, for the readers of the settings its apps set.
 */
export function sourcePluginHost(pkg: string, given: readonly EntryPointSource[] = []): PluginHost {
  return {
    modules(projectType, settingsType, files) {
      const declared = declaredEntryPoints(files, pkg);
      const sources = declared !== undefined ? [declared, ...given] : given;
      const out: PluginDiscovery = { modules: [], problems: [] };
      const names = new Set<string>();
      for (const source of sources) {
        const found = pluginSettingsModules(source, projectType, settingsType, files);
        // One app per name across sources too, as the framework's registry keeps it.
        for (const m of found.modules) if (!names.has(m.app)) out.modules.push(m);
        for (const m of found.modules) names.add(m.app);
        out.problems.push(...found.problems);
      }
      return out;
    },
  };
}
