// Messages a compile logs (notice(), warning() ... and the evaluator's own warnings), kept apart
// from how they are shown: the evaluator hands functions a Logger, tests collect, the CLI prints.

import type { SourceLocation } from '../errors.js';

/** Puppet's log levels, least to most severe. */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'err', 'alert', 'emerg', 'crit'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogMessage {
  level: LogLevel;
  message: string;
  /** Where the message was logged from (the function call), when known. */
  loc?: SourceLocation;
}

export interface Logger {
  log(message: LogMessage): void;
}

/** Keeps every message, in order (tests, and the CLI printing them after the compile). */
export class LogCollector implements Logger {
  readonly messages: LogMessage[] = [];

  log(message: LogMessage): void {
    this.messages.push(message);
  }

  /** The texts logged at `level`. */
  texts(level: LogLevel): string[] {
    return this.messages.filter((m) => m.level === level).map((m) => m.message);
  }
}

const levelLabels: Record<LogLevel, string> = {
  debug: 'Debug',
  info: 'Info',
  notice: 'Notice',
  warning: 'Warning',
  err: 'Error',
  alert: 'Alert',
  emerg: 'Emergency',
  crit: 'Critical',
};

/** `Notice: text (file: x.pp, line: 3, column: 1)`, as Puppet prints a log line. */
export function formatLogMessage(message: LogMessage): string {
  const where = message.loc ? ` (file: ${message.loc.file}, line: ${message.loc.line}, column: ${message.loc.column})` : '';
  return `${levelLabels[message.level]}: ${message.message}${where}`;
}

/** True when `level` is at least as severe as `threshold` (`--verbose` shows info, `--debug` debug). */
function isAtLeast(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

/** Prints messages from `threshold` up to stderr. */
export class ConsoleLogger implements Logger {
  constructor(private readonly threshold: LogLevel = 'notice') {}

  log(message: LogMessage): void {
    if (isAtLeast(message.level, this.threshold)) process.stderr.write(`${formatLogMessage(message)}\n`);
  }
}
