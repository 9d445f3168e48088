/**
 * The output channel the language client writes protocol traces to.
 *
 * vscode-languageclient 10+ traces only while its trace channel's *log level* is Trace; its
 * `<id>.trace.server` setting then merely picks `messages` or `verbose`. Users (and our docs)
 * expect the setting alone to switch tracing on, so this channel reports the Trace level exactly
 * while `openedxConfig.trace.server` is not `off`, and tells the client when that changes.
 * The trace goes to its own plain channel, "Open edX Config Trace", created on first write so
 * that it does not clutter the Output list of users who never trace.
 */
import * as vscode from 'vscode';

/** The setting, as VS Code names it. */
export const TRACE_SETTING = 'openedxConfig.trace.server';

/** The channel's title in the Output panel. */
export const TRACE_CHANNEL_NAME = 'Open edX Config Trace';

function levelFromSetting(): vscode.LogLevel {
  const value = vscode.workspace.getConfiguration('openedxConfig').get<string>('trace.server', 'off');
  return value === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
}

/** A `LogOutputChannel` whose level follows `openedxConfig.trace.server`. */
export class TraceChannel implements vscode.LogOutputChannel {
  readonly name = TRACE_CHANNEL_NAME;
  private channel: vscode.OutputChannel | undefined;
  private level = levelFromSetting();
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly watcher: vscode.Disposable;

  /** Fires when the setting switches tracing on or off. */
  readonly onDidChangeLogLevel: vscode.Event<vscode.LogLevel> = this.levelChanged.event;

  constructor() {
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(TRACE_SETTING)) return;
      const level = levelFromSetting();
      if (level === this.level) return;
      this.level = level;
      this.levelChanged.fire(level);
    });
  }

  /** Trace while the setting is on, Info (which the client reads as "no trace") otherwise. */
  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  private out(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel(TRACE_CHANNEL_NAME);
    return this.channel;
  }

  private write(prefix: string, message: string, args: unknown[]): void {
    const extra = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    this.out().appendLine(`${prefix}${message}${extra === '' ? '' : ` ${extra}`}`);
  }

  trace(message: string, ...args: unknown[]): void {
    // A plain channel adds no timestamps, and a trace without them is of little use in a bug report.
    this.write(`[${new Date().toISOString().slice(11, 23)}] `, message, args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.write('[debug] ', message, args);
  }

  info(message: string, ...args: unknown[]): void {
    this.write('[info] ', message, args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.write('[warn] ', message, args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.write('[error] ', typeof error === 'string' ? error : error.stack ?? error.message, args);
  }

  append(value: string): void {
    this.out().append(value);
  }

  appendLine(value: string): void {
    this.out().appendLine(value);
  }

  replace(value: string): void {
    this.out().replace(value);
  }

  clear(): void {
    this.channel?.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(first?: boolean | vscode.ViewColumn, second?: boolean): void {
    this.out().show(typeof first === 'boolean' ? first : second);
  }

  hide(): void {
    this.channel?.hide();
  }

  dispose(): void {
    this.watcher.dispose();
    this.levelChanged.dispose();
    this.channel?.dispose();
  }
}
