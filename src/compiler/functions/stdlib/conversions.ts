// stdlib value selection and conversion: pick, pick_default, str2bool, bool2str, to_json,
// to_json_pretty, to_yaml, parsejson, parseyaml.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataToValue } from '../../hiera/values.js';
import { rubyJson, rubyYaml } from '../../templates/ruby-serialize.js';
import { arity, asLegacyArgs, fail, register, rubyClass } from './support.js';

// pick(*values): the first value that is neither undef nor ''.
register('pick', (ctx, args) => {
  const found = args.find((v) => v !== undefined && v !== '');
  if (found === undefined) fail(ctx, 'pick(): must receive at least one non empty value');
  return found;
});

// pick_default(*values): like pick, but falls back to the last argument (even empty).
register('pick_default', (ctx, rawArgs) => {
  // A 3.x function: a top-level undef arrives as '' (so pick_default(undef) is '').
  const args = asLegacyArgs(rawArgs);
  if (args.length === 0) fail(ctx, 'pick_default(): Must receive at least one argument.');
  const found = args.find((v) => v !== undefined && v !== '');
  return found === undefined ? args[args.length - 1] : found;
});

register('str2bool', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  arity(ctx, 'str2bool', args, 1);
  const [value] = args;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') fail(ctx, 'str2bool(): Requires string to work with');
  if (/^$|^(0|f|n|false|no|off|undef|undefined)$/.test(value)) return false;
  if (/^(1|t|y|true|yes|on)$/.test(value)) return true;
  return fail(ctx, 'str2bool(): Unknown type of boolean given');
});

register('bool2str', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length !== 1 && args.length !== 3) fail(ctx, `bool2str(): Wrong number of arguments given (${args.length} for 3)`);
  const [value, whenTrue = 'true', whenFalse = 'false'] = args;
  if (typeof value !== 'boolean') fail(ctx, 'bool2str(): Requires a boolean to work with');
  if (typeof whenTrue !== 'string' || typeof whenFalse !== 'string') fail(ctx, 'bool2str(): Requires strings to convert to');
  return value ? whenTrue : whenFalse;
});

register('to_json', (ctx, args) => {
  arity(ctx, 'to_json', args, 1);
  return rubyJson(args[0], false);
});

// to_json_pretty(data, [skip_undef]): JSON.pretty_generate plus a final newline, as stdlib.
register('to_json_pretty', (ctx, args) => {
  arity(ctx, 'to_json_pretty', args, 1, 3);
  return `${rubyJson(args[0], true, args[1] === true)}\n`;
});

// to_yaml(data): Psych's layout: a `---` document start, sequences not indented under their key.
register('to_yaml', (ctx, args) => {
  arity(ctx, 'to_yaml', args, 1, 2);
  return rubyYaml(args[0]);
});

function parser(name: string, parseText: (text: string) => unknown): void {
  register(name, (ctx, args) => {
    arity(ctx, name, args, 1, 2);
    const [text, fallback] = args;
    try {
      if (typeof text !== 'string') throw new Error(`no implicit conversion of ${rubyClass(text)} into String`);
      return dataToValue(parseText(text));
    } catch (error) {
      if (args.length > 1) return fallback;
      return fail(ctx, `${name}(): ${name === 'parsejson' ? 'unexpected token' : 'parse error'} in ${JSON.stringify(text)}: ${(error as Error).message}`);
    }
  });
}
parser('parsejson', (text) => parse(text, { schema: 'json', mapAsMap: true }));
parser('parseyaml', (text) => parse(text, { version: '1.1', mapAsMap: true }));

// num2bool: numbers (and numeric strings) above zero are true.
register('num2bool', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  arity(ctx, 'num2bool', args, 1);
  const [value] = args;
  if (typeof value === 'boolean') return value;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) n = Number(value);
  else if (typeof value === 'string') return fail(ctx, `num2bool(): Unable to parse ${JSON.stringify(value)} to a number`);
  else return fail(ctx, `num2bool(): Unable to parse ${rubyClass(value)} to a number`);
  return Math.trunc(n) > 0;
});

function fileLoader(name: string, json: boolean): void {
  register(name, (ctx, args) => {
    arity(ctx, name, args, 1, 2);
    const [path, fallback] = args;
    let text: string;
    try {
      text = readFileSync(String(path), 'utf8');
    } catch {
      // stdlib warns and gives the default (undef without one) when the file is missing.
      ctx.callFunction('warning', [`Can't load '${String(path)}' File does not exist!`]);
      return fallback;
    }
    try {
      return dataToValue(parse(text, json ? { schema: 'json', mapAsMap: true } : { version: '1.1', mapAsMap: true }));
    } catch (error) {
      if (args.length > 1) return fallback;
      return fail(ctx, `${name}(): ${(error as Error).message} in ${String(path)}`);
    }
  });
}
fileLoader('loadyaml', false);
fileLoader('loadjson', true);
