// Output like `puppet apply`: `Notice: /Stage[main]/Main/File[/x]/ensure: created`, coloured as
// Puppet colours its console (notices plain, warnings bold yellow, errors bold red) (chalk turns colour off when the stream is not a terminal).
// Every message is also kept for the report, whatever the console level.

import chalk, { type ChalkInstance } from 'chalk';
import type { LogLevel } from '../providers/framework/resource.js';

export interface LogEntry {
  level: LogLevel;
  message: string;
  /** Resource path (`/Stage[main]/Main/File[/x]`) or property path; `Puppet` for run-wide messages. */
  source: string;
  time: string;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, notice: 2, warning: 3, err: 4 };
const LABEL: Record<LogLevel, string> = { debug: 'Debug', info: 'Info', notice: 'Notice', warning: 'Warning', err: 'Error' };
const COLOUR: Record<LogLevel, ChalkInstance> = {
  debug: chalk.cyan,
  info: chalk.green,
  notice: chalk.reset,
  warning: chalk.yellow.bold,
  err: chalk.red.bold,
};

export interface RunLogOptions {
  /** Lowest level printed: notice by default, info with --verbose, debug with --debug. */
  level?: LogLevel;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export class RunLog {
  readonly entries: LogEntry[] = [];
  private readonly level: LogLevel;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;

  constructor(options: RunLogOptions = {}) {
    this.level = options.level ?? 'notice';
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  log(level: LogLevel, message: string, source?: string): void {
    this.entries.push({ level, message, source: source ?? 'Puppet', time: new Date().toISOString() });
    if (RANK[level] < RANK[this.level]) return;
    const text = `${LABEL[level]}: ${source ? `${source}: ` : ''}${message}`;
    // As Puppet: warnings and errors on stderr, the rest on stdout.
    const stream = RANK[level] >= RANK.warning ? this.stderr : this.stdout;
    stream.write(`${COLOUR[level](text)}\n`);
  }

  debug(message: string, source?: string): void {
    this.log('debug', message, source);
  }
  info(message: string, source?: string): void {
    this.log('info', message, source);
  }
  notice(message: string, source?: string): void {
    this.log('notice', message, source);
  }
  warning(message: string, source?: string): void {
    this.log('warning', message, source);
  }
  err(message: string, source?: string): void {
    this.log('err', message, source);
  }
}
