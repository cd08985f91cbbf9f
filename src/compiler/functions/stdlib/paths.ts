// stdlib's dirname, basename and shell_escape (File.dirname, File.basename, Shellwords.escape).

import { posix } from 'node:path';
import { arity, fail, register, rubyClass } from './support.js';

register('dirname', (ctx, args) => {
  arity(ctx, 'dirname', args, 1);
  const [path] = args;
  if (typeof path !== 'string') fail(ctx, `dirname(): Requires a String as argument, got ${rubyClass(path)}`);
  // As File.dirname: trailing slashes and the slashes before the last part are dropped.
  const trimmed = path.replace(/\/+$/, '') || '/';
  return posix.dirname(trimmed).replace(/(.)\/+$/, '$1');
});

register('basename', (ctx, args) => {
  arity(ctx, 'basename', args, 1, 2);
  const [path, suffix] = args;
  if (typeof path !== 'string') fail(ctx, 'basename(): Requires string as first argument');
  if (suffix !== undefined && typeof suffix !== 'string') fail(ctx, 'basename(): Requires string as second argument');
  if (/^\/+$/.test(path)) return '/';
  const base = posix.basename(path);
  if (suffix === '.*') return base.replace(/(.)\.[^.]*$/, '$1');
  return suffix && base.endsWith(suffix) && base !== suffix ? base.slice(0, -suffix.length) : base;
});

// Shellwords.escape: every character outside [A-Za-z0-9_\-.,:+\/@\n] is backslash-escaped,
// a newline becomes '\n' in single quotes, the empty string is ''.
register('shell_escape', (ctx, args) => {
  arity(ctx, 'shell_escape', args, 1);
  const text = String(args[0] ?? '');
  if (text === '') return "''";
  return text.replace(/[^A-Za-z0-9_\-.,:+/@\n]/g, '\\$&').replace(/\n/g, "'\n'");
});
