// The iteration functions with lambdas: each, map, filter, reduce, reverse_each, step, any, all,
// with, then, lest. Arrays give the block (value) or (index, value); hashes ([key, value]) or
// (key, value). Integers iterate 0..n-1, strings their characters, Integer[a, b] its range.
// `break()` in the block ends the iterations whose Puppet implementation rescues StopIteration
// (each, map, Array filter, reduce, reverse_each, step); from any, all, Hash filter, with, then
// and lest it passes on to an enclosing iteration, as Puppet's does.

import { PapplyError } from '../../../errors.js';
import { isBreak } from '../../evaluator/call.js';
import { IntegerType, typeOf } from '../../types/index.js';
import { isArray, isHash, isTruthy, type PHash, type Value } from '../../values.js';
import { registerFunction, type Closure } from '../registry.js';
import { checkArity, checkBlockArity, checkParam, requireBlock, type } from './signature.js';

type Elements = { kind: 'array'; items: Value[] } | { kind: 'hash'; entries: [Value, Value][] };

function elementsOf(fn: string, value: Value): Elements {
  if (isArray(value)) return { kind: 'array', items: value };
  if (isHash(value)) return { kind: 'hash', entries: [...value] };
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'array', items: Array.from({ length: Math.max(0, value) }, (_, i) => i) };
  if (typeof value === 'string') return { kind: 'array', items: [...value] };
  if (value instanceof IntegerType && Number.isFinite(value.from) && Number.isFinite(value.to)) {
    return { kind: 'array', items: Array.from({ length: Math.max(0, value.to - value.from + 1) }, (_, i) => value.from + i) };
  }
  throw new PapplyError(notIterableMessage(fn, typeOf(value).simpleName));
}

/** Puppet's wording when none of an iteration function's signatures accepts the value. */
function notIterableMessage(fn: string, got: string): string {
  const lines = [`The function '${fn}' was called with arguments it does not accept. It expects one of:`];
  for (const [param, name, article] of [['Hash', 'hash', 'a'], ['Iterable', 'enumerable', 'an']]) {
    for (const count of [2, 1]) {
      lines.push(`  (${param} ${name}, Callable[${count}, ${count}] block)`);
      lines.push(`    rejected: parameter '${name}' expects ${article} ${param} value, got ${got}`);
    }
  }
  return lines.join('\n');
}

/** The block's arguments for one element, by how many parameters it declares. */
function blockArgs(elements: Elements, index: number, block: Closure): Value[] {
  const twoParams = block.arity >= 2 || block.capturesRest;
  if (elements.kind === 'array') return twoParams ? [index, elements.items[index]] : [elements.items[index]];
  const [k, v] = elements.entries[index];
  return twoParams ? [k, v] : [[k, v]];
}

function count(elements: Elements): number {
  return elements.kind === 'array' ? elements.items.length : elements.entries.length;
}

/**
 * Calls the block for each element until `visit` returns false; `visit` gets the element index and
 * block result. A `break` ends the iteration only where Puppet's rescues it (`stopsOnBreak`).
 */
function iterate(elements: Elements, block: Closure, visit: (index: number, result: Value) => boolean | void, stopsOnBreak = true): void {
  try {
    for (let i = 0; i < count(elements); i++) {
      if (visit(i, block.call(blockArgs(elements, i, block))) === false) return;
    }
  } catch (error) {
    if (stopsOnBreak && isBreak(error)) return;
    throw error;
  }
}

function iterationSetup(fn: string, args: Value[], block: Closure | undefined, maxParams = 2): { elements: Elements; block: Closure } {
  checkArity(fn, args, 1);
  const lambda = requireBlock(fn, block);
  checkBlockArity(fn, lambda, 1, maxParams);
  return { elements: elementsOf(fn, args[0]), block: lambda };
}

registerFunction('each', (_ctx, args, block) => {
  const { elements, block: lambda } = iterationSetup('each', args, block);
  iterate(elements, lambda, () => undefined);
  return args[0];
});

registerFunction('map', (_ctx, args, block) => {
  const { elements, block: lambda } = iterationSetup('map', args, block);
  const results: Value[] = [];
  iterate(elements, lambda, (_i, result) => {
    results.push(result);
  });
  return results;
});

registerFunction('filter', (_ctx, args, block) => {
  const { elements, block: lambda } = iterationSetup('filter', args, block);
  const kept: number[] = [];
  // Puppet filters a Hash with Ruby's Hash#select, which lets a `break` through.
  iterate(elements, lambda, (i, result) => {
    if (isTruthy(result)) kept.push(i);
  }, elements.kind === 'array');
  if (elements.kind === 'array') return kept.map((i) => elements.items[i]);
  const out: PHash = new Map();
  for (const i of kept) out.set(...elements.entries[i]);
  return out;
});

registerFunction('any', (_ctx, args, block) => {
  const { elements, block: lambda } = iterationSetup('any', args, block);
  let found = false;
  iterate(elements, lambda, (_i, result) => {
    found = isTruthy(result);
    return !found;
  }, false);
  return found;
});

registerFunction('all', (_ctx, args, block) => {
  const { elements, block: lambda } = iterationSetup('all', args, block);
  let every = true;
  iterate(elements, lambda, (_i, result) => {
    every = isTruthy(result);
    return every;
  }, false);
  return every;
});

registerFunction('reduce', (_ctx, args, block) => {
  checkArity('reduce', args, 1, 2);
  const lambda = requireBlock('reduce', block);
  checkBlockArity('reduce', lambda, 2, 2);
  const elements = elementsOf('reduce', args[0]);
  const items: Value[] = elements.kind === 'array' ? elements.items : elements.entries.map(([k, v]) => [k, v]);
  let memo: Value;
  let rest: Value[];
  if (args.length === 2) {
    memo = args[1];
    rest = items;
  } else {
    if (items.length === 0) return undefined;
    [memo, ...rest] = items;
  }
  try {
    for (const item of rest) memo = lambda.call([memo, item]);
  } catch (error) {
    if (!isBreak(error)) throw error;
  }
  return memo;
});

function plainItems(fn: string, value: Value): Value[] {
  const elements = elementsOf(fn, value);
  return elements.kind === 'array' ? elements.items : elements.entries.map(([k, v]) => [k, v]);
}

registerFunction('reverse_each', (_ctx, args, block) => {
  checkArity('reverse_each', args, 1);
  const reversed = [...plainItems('reverse_each', args[0])].reverse();
  if (!block) return reversed;
  checkBlockArity('reverse_each', block, 1, 1);
  iterate({ kind: 'array', items: reversed }, block, () => undefined);
  return undefined;
});

registerFunction('step', (_ctx, args, block) => {
  checkArity('step', args, 2);
  checkParam('step', 'step', type('Integer', 1), args[1]);
  const stride = args[1] as number;
  const picked = plainItems('step', args[0]).filter((_, i) => i % stride === 0);
  if (!block) return picked;
  checkBlockArity('step', block, 1, 1);
  iterate({ kind: 'array', items: picked }, block, () => undefined);
  return undefined;
});

registerFunction('with', (_ctx, args, block) => requireBlock('with', block).call(args));

registerFunction('then', (_ctx, args, block) => {
  checkArity('then', args, 1);
  const lambda = requireBlock('then', block);
  return args[0] === undefined ? undefined : lambda.call([args[0]]);
});

registerFunction('lest', (_ctx, args, block) => {
  checkArity('lest', args, 1);
  const lambda = requireBlock('lest', block);
  return args[0] === undefined ? lambda.call([]) : args[0];
});
