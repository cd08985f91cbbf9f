// Puppet 7 core functions that sort a collection's elements into groups with a block (group_by,
// partition), plus camelcase, call and convert_to. Hashes give their blocks [key, value] pairs
// (one parameter) or key and value (two); arrays their values or index and value.

import { isArray, isHash, isTruthy, type PHash, type Value } from '../../values.js';
import { registerFunction, type Closure } from '../registry.js';
import { checkArity, checkBlockArity, checkParam, requireBlock, type } from './signature.js';

/** The block arguments for each element, as Puppet's dispatches pass them. */
function blockArguments(fn: string, collection: Value, block: Closure): { element: Value; args: Value[] }[] {
  checkParam(fn, 'collection', type('Collection'), collection);
  checkBlockArity(fn, block, 1, 2);
  const twoParams = block.arity === 2;
  if (isHash(collection)) return [...collection].map(([k, v]) => ({ element: [k, v], args: twoParams ? [k, v] : [[k, v]] }));
  return (collection as Value[]).map((v, i) => ({ element: v, args: twoParams ? [i, v] : [v] }));
}

registerFunction('group_by', (_ctx, args, block) => {
  checkArity('group_by', args, 1);
  const lambda = requireBlock('group_by', block);
  const groups: PHash = new Map();
  for (const { element, args: blockArgs } of blockArguments('group_by', args[0], lambda)) {
    const key = lambda.call(blockArgs);
    const group = groups.get(key) as Value[] | undefined;
    if (group) group.push(element);
    else groups.set(key, [element]);
  }
  return groups;
});

registerFunction('partition', (_ctx, args, block) => {
  checkArity('partition', args, 1);
  const lambda = requireBlock('partition', block);
  const matching: Value[] = [];
  const rest: Value[] = [];
  for (const { element, args: blockArgs } of blockArguments('partition', args[0], lambda)) {
    (isTruthy(lambda.call(blockArgs)) ? matching : rest).push(element);
  }
  return [matching, rest];
});

/** Ruby's `s.split('_').map(&:capitalize).join`. */
function camelcase(text: string): string {
  return text
    .split('_')
    .map((word) => (word ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word))
    .join('');
}

registerFunction('camelcase', (_ctx, args) => {
  checkArity('camelcase', args, 1);
  const [value] = args;
  if (typeof value === 'string') return camelcase(value);
  if (isArray(value)) return value.map((v) => (typeof v === 'string' ? camelcase(v) : v));
  checkParam('camelcase', 'arg', type('Variant', type('Numeric'), type('String'), type('Array')), value);
  return value;
});

registerFunction('call', (ctx, args, block) => {
  checkArity('call', args, 1, Infinity);
  checkParam('call', 'function_name', type('String'), args[0]);
  return ctx.callFunction(args[0] as string, args.slice(1), block);
});

registerFunction('convert_to', (ctx, args, block) => {
  checkArity('convert_to', args, 2, Infinity);
  const [value, target, ...rest] = args;
  checkParam('convert_to', 'type', type('Type'), target);
  const result = ctx.callFunction('new', [target, value, ...rest], undefined);
  return block ? block.call([result]) : result;
});
