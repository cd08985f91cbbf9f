// fail() and the logging functions: notice, info, warning, err, debug, alert, crit, emerg.
// Arguments are joined with spaces the way Puppet interpolates them.

import { PapplyError } from '../../../errors.js';
import { ConsoleLogger, LOG_LEVELS, type Logger } from '../../log.js';
import { formatValue } from '../../value-format.js';
import { registerFunction, type CallContext } from '../registry.js';

let defaultLogger: Logger = new ConsoleLogger('notice');

/** Where logging functions write when the call context brings no logger (the CLI may replace it). */
export function setDefaultLogger(logger: Logger): void {
  defaultLogger = logger;
}

function loggerOf(ctx: CallContext): Logger {
  return ctx.logger ?? defaultLogger;
}

for (const level of LOG_LEVELS) {
  registerFunction(level, (ctx, args) => {
    loggerOf(ctx).log({ level, message: args.map(formatValue).join(' '), loc: ctx.loc });
    return undefined;
  });
}

registerFunction('fail', (ctx, args) => {
  throw new PapplyError(args.map(formatValue).join(' '), ctx.loc);
});
