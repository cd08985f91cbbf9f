// Further Puppet 7 core functions seen in the field: fqdn_rand, file, shellquote, round, floor,
// ceiling, get, slice, index, unwrap.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PapplyError } from '../../../errors.js';
import { isBreak } from '../../evaluator/call.js';
import { dig } from './collections.js';
import { formatValue } from '../../value-format.js';
import { PFloat, PSensitive, isArray, isHash, isTruthy, type Value } from '../../values.js';
import { registerFunction } from '../registry.js';
import { rubyRandomInt } from './ruby-random.js';
import { checkArity, checkParam, type } from './signature.js';
import { rubyToS } from './sprintf.js';

/** fqdn_rand(max, seed?, downcase?): Random.new(md5("fqdn:max:seed")).rand(max), as Puppet computes it. */
registerFunction('fqdn_rand', (ctx, args) => {
  checkArity('fqdn_rand', args, 1, 3);
  const [maxArg, seedArg, downcase] = args;
  const max = Math.trunc(Number(typeof maxArg === 'string' ? maxArg : (maxArg as number)));
  const facts = ctx.lookupVariable('facts');
  const networking = isHash(facts) ? facts.get('networking') : undefined;
  let fqdn = isHash(networking) ? rubyToS(networking.get('fqdn')) : '';
  if (isTruthy(downcase)) fqdn = fqdn.toLowerCase();
  const seedText = [fqdn, String(max), seedArg === undefined ? '' : rubyToS(seedArg)].join(':');
  const seed = BigInt(`0x${createHash('md5').update(seedText, 'utf8').digest('hex')}`);
  return Number(rubyRandomInt(seed, BigInt(max)));
});

/** file('mod/x', ...): the first of the files that exists (module `files/` or absolute), read. */
registerFunction('file', (ctx, args) => {
  checkArity('file', args, 1, Infinity);
  for (const reference of args) {
    checkParam('file', 'path', type('String'), reference);
    const path = ctx.resolveModuleFile('files', reference as string);
    if (path) return readFileSync(path, 'utf8');
  }
  throw new PapplyError(`Could not find any files from ${args.map(formatValue).join(', ')}`);
});

const SHELL_SAFE = /^[a-zA-Z0-9@%_+=:,./-]+$/;
const SHELL_DANGEROUS = /[!"`$\\]/;

registerFunction('shellquote', (_ctx, args) => {
  const flatten = (values: Value[]): Value[] => values.flatMap((v) => (isArray(v) ? flatten(v) : [v]));
  const words = flatten(args).map(rubyToS);
  return words
    .map((word) => {
      if (SHELL_SAFE.test(word)) return word;
      if (!SHELL_DANGEROUS.test(word)) return `"${word}"`;
      if (!word.includes("'")) return `'${word}'`;
      return `"${word.replace(/[!"`$\\]/g, (c) => `\\${c}`)}"`;
    })
    .join(' ');
});

function numericArgument(fn: string, value: Value): number {
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  // Puppet still converts numeric strings here (with a deprecation warning).
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  checkParam(fn, 'val', type('Numeric'), value);
  return NaN;
}

const rounding: Record<string, (n: number) => number> = {
  // Ruby rounds halves away from zero.
  round: (n) => Math.sign(n) * Math.round(Math.abs(n)),
  floor: Math.floor,
  ceiling: Math.ceil,
};
for (const [name, op] of Object.entries(rounding)) {
  registerFunction(name, (_ctx, args) => {
    checkArity(name, args, 1);
    return op(numericArgument(name, args[0]));
  });
}

/** Puppet's split_key for dotted navigation: quoted segments kept whole, integer segments become indexes. */
function navigationSegments(navigation: string): Value[] {
  const segments = `x.${navigation}`.split(/(\s*"[^"]+"\s*|\s*'[^']+'\s*|[^'".]+)/);
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop(); // Ruby's split drops trailing empties
  const syntaxError = () => new PapplyError('Syntax error in dotted-navigation string');
  if (segments.shift() !== '' || segments.length === 0) throw syntaxError();
  const count = segments.length;
  const kept = segments.filter((segment) => segment !== '.');
  if (kept.length * 2 !== count + 1) throw syntaxError();
  return kept.slice(1).map((raw) => {
    const segment = raw.trim();
    if (segment.startsWith('"') || segment.startsWith("'")) return segment.slice(1, -1);
    return /^[+-]?[0-9]+$/.test(segment) ? Number(segment) : segment;
  });
}

/** get($data, 'a.b.0', default?): dig along a dotted path; the block receives a navigation error. */
registerFunction('get', (_ctx, args, block) => {
  checkArity('get', args, 2, 3);
  const [data, path, fallback] = args;
  checkParam('get', 'dotted_string', type('String'), path);
  if (data === undefined) return fallback;
  if (path === '') return data;
  const segments = navigationSegments(path as string);
  checkParam('dig', 'data', type('Optional', type('Collection')), data);
  try {
    const result = dig(data, segments);
    return result === undefined ? fallback : result;
  } catch (error) {
    if (!block || !(error instanceof PapplyError)) throw error;
    // Puppet hands the block an Error object; its message and kind are what manifests use.
    return block.call([new Map<Value, Value>([['msg', error.message], ['kind', 'SLICE_ERROR']])]);
  }
});

registerFunction('slice', (_ctx, args, block) => {
  checkArity('slice', args, 2);
  checkParam('slice', 'size', type('Integer', 1), args[1]);
  const size = args[1] as number;
  const items: Value[] = isHash(args[0]) ? [...args[0]].map(([k, v]) => [k, v]) : isArray(args[0]) ? args[0] : [];
  const slices: Value[][] = [];
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
  if (!block) return slices;
  const serving = block.capturesRest ? size : block.arity;
  if (serving === 0) throw new PapplyError('slice(): block must define at least one parameter. Block has 0.');
  if (serving !== 1 && serving !== size) {
    throw new PapplyError(
      `slice(): block must define one parameter, or the same number of parameters as the given size of the slice (${size}). Block has ${serving}; ${block.parameterNames?.join(', ') ?? ''}`,
    );
  }
  // A short last slice is padded to the block's parameters: undef for arrays, [] for hashes.
  const filler = (): Value => (isHash(args[0]) ? [] : undefined);
  try {
    for (const slice of slices) block.call(serving === 1 ? [slice] : [...slice, ...Array.from({ length: size - slice.length }, filler)]);
  } catch (error) {
    if (!isBreak(error)) throw error;
  }
  return args[0];
});

/** index(collection, value) or with a block: the first index (array/string) or key (hash) found. */
registerFunction('index', (_ctx, args, block) => {
  checkArity('index', args, block ? 1 : 2, block ? 1 : 2);
  const [collection, wanted] = args;
  const matches = (v: Value, k: Value): boolean => {
    if (block) return isTruthy(block.call(block.arity > 1 ? [k, v] : [v]));
    return formatValue(v) === formatValue(wanted) && typeof v === typeof wanted;
  };
  if (typeof collection === 'string') {
    const at = block ? [...collection].findIndex((c, i) => matches(c, i)) : collection.indexOf(String(wanted));
    return at < 0 ? undefined : at;
  }
  if (isArray(collection)) {
    const at = collection.findIndex((v, i) => matches(v, i));
    return at < 0 ? undefined : at;
  }
  if (isHash(collection)) {
    for (const [k, v] of collection) if (matches(v, k)) return k;
    return undefined;
  }
  throw new PapplyError(`'index' expects a String, Array or Hash, got ${formatValue(collection)}`);
});

registerFunction('unwrap', (_ctx, args, block) => {
  checkArity('unwrap', args, 1);
  const value = args[0] instanceof PSensitive ? args[0].value : args[0];
  return block ? block.call([value]) : value;
});
