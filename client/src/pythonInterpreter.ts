/**
 * The interpreter the Python extension (`ms-python.python`) has selected, read from its public
 * API when that extension is installed and already active: the server scans that interpreter's
 * environment for the libraries layer unless `openedxConfig.pythonEnvironment` says otherwise.
 * Our extension never activates the Python extension (that is the user's to do) and never runs
 * the interpreter: only its path is passed on.
 */
import * as vscode from 'vscode';

const PYTHON_EXTENSION = 'ms-python.python';

/** The part of the Python extension's API read here (its `environments` API). */
interface PythonEnvironmentsApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path?: unknown } | undefined;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

function environmentsApi(): PythonEnvironmentsApi['environments'] {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>(PYTHON_EXTENSION);
  if (extension === undefined || !extension.isActive) return undefined;
  const exports: unknown = extension.exports;
  return typeof exports === 'object' && exports !== null ? (exports as PythonEnvironmentsApi).environments : undefined;
}

/** The selected interpreter's path for the first workspace folder, when the Python extension is active and reports one. Never throws. */
export function selectedPythonInterpreter(): string | undefined {
  try {
    const found = environmentsApi()?.getActiveEnvironmentPath(vscode.workspace.workspaceFolders?.[0]?.uri)?.path;
    return typeof found === 'string' && found !== '' ? found : undefined;
  } catch {
    // An API of another extension: whatever it does, we fall back to detecting the environment.
    return undefined;
  }
}

/** Calls `listener` when the user selects another interpreter (once the Python extension is active). Never throws. */
export function onPythonInterpreterChange(listener: () => void): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  const subscribe = (): boolean => {
    try {
      const event = environmentsApi()?.onDidChangeActiveEnvironmentPath;
      if (event === undefined) return false;
      disposables.push(event(() => listener()));
      return true;
    } catch {
      return false;
    }
  };
  if (!subscribe()) {
    // Not active yet: subscribe once it is (extensions activate later than ours, or on demand).
    const waiting = vscode.extensions.onDidChange(() => {
      if (subscribe()) {
        waiting.dispose();
        listener();
      }
    });
    disposables.push(waiting);
  }
  return vscode.Disposable.from(...disposables);
}
