// lookup() and the legacy hiera(), hiera_hash(), hiera_array(), hiera_include(), over the
// compile's Hiera (ctx.dataLookup; without one every key is missing).

import { PapplyError } from '../../errors.js';
import { isHash, PType, type Value } from '../values.js';
import { registerFunction, type CallContext, type Closure } from './registry.js';

interface LookupRequest {
  names: string[];
  type?: PType;
  merge?: Value;
  hasDefault: boolean;
  defaultValue?: Value;
  defaultValues?: Map<Value, Value>;
  override?: Map<Value, Value>;
  /** The legacy hiera*() functions read the global hiera.yaml only, not the modules' data. */
  globalOnly?: boolean;
}

function describe(value: Value): string {
  if (value === undefined) return 'Undef';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (Array.isArray(value)) return 'Array';
  if (isHash(value)) return 'Hash';
  return value.constructor.name;
}

function assertType(ctx: CallContext, subject: string, type: PType | undefined, value: Value): Value {
  if (type && !type.isInstance(value)) {
    throw new PapplyError(`${subject} has wrong type, expects ${type.toString()}, got ${describe(value)}`, ctx.loc);
  }
  return value;
}

/** Resolves a lookup request the way Puppet's Lookup.lookup does (names in order, then defaults). */
function performLookup(ctx: CallContext, request: LookupRequest, block?: Closure): Value {
  const scope = { lookupVariable: (name: string) => ctx.lookupVariable(name) };
  for (const name of request.names) {
    if (request.override?.has(name)) return assertType(ctx, `Value found for key '${name}' in override hash`, request.type, request.override.get(name));
    const result = ctx.dataLookup?.lookup(name, scope, { merge: request.merge, globalOnly: request.globalOnly });
    if (result?.found) return assertType(ctx, 'Found value', request.type, result.value);
  }
  for (const name of request.names) {
    if (request.defaultValues?.has(name)) return assertType(ctx, `Value found for key '${name}' in default values hash`, request.type, request.defaultValues.get(name));
  }
  if (block) return assertType(ctx, 'Value returned from default block', request.type, block.call([request.names.length === 1 ? request.names[0] : request.names]));
  if (request.hasDefault) return assertType(ctx, 'Default value', request.type, request.defaultValue);
  const message =
    request.names.length === 1
      ? `Function lookup() did not find a value for the name '${request.names[0]}'`
      : `Function lookup() did not find a value for any of the names [${request.names.map((n) => `'${n}'`).join(', ')}]`;
  throw new PapplyError(message, ctx.loc);
}

function lookupNames(ctx: CallContext, value: Value): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) return value as string[];
  throw new PapplyError("'lookup' expects a String or an Array of Strings as the name", ctx.loc);
}

// lookup(name, [type], [merge], [default]) | lookup(name, options_hash) | lookup(options_hash_with_name),
// each with an optional default lambda.
registerFunction('lookup', (ctx, args, block) => {
  if (args.length === 0 || args.length > 4) throw new PapplyError(`'lookup' expects 1 to 4 arguments, got ${args.length}`, ctx.loc);
  // lookup({name => ..., merge => ...}): the options hash carries the name.
  const withName = args.length === 1 && isHash(args[0]);
  const names = lookupNames(ctx, withName ? (args[0] as Map<Value, Value>).get('name') : args[0]);
  if (withName || (args.length === 2 && isHash(args[1]))) {
    const options = (withName ? args[0] : args[1]) as Map<Value, Value>;
    const known = ['value_type', 'merge', 'default_value', 'default_values_hash', 'override', ...(withName ? ['name'] : [])];
    for (const key of options.keys()) {
      if (typeof key !== 'string' || !known.includes(key)) throw new PapplyError(`'lookup' options hash has an unknown key '${String(key)}'`, ctx.loc);
    }
    const type = options.get('value_type');
    if (type !== undefined && !(type instanceof PType)) throw new PapplyError("'lookup' option value_type must be a Type", ctx.loc);
    const defaultValues = options.get('default_values_hash');
    const override = options.get('override');
    if (block && options.has('default_value')) throw new PapplyError("'lookup' cannot have both a default_value and a lambda", ctx.loc);
    return performLookup(
      ctx,
      {
        names,
        type: type as PType | undefined,
        merge: options.get('merge'),
        hasDefault: options.has('default_value'),
        defaultValue: options.get('default_value'),
        defaultValues: isHash(defaultValues) ? defaultValues : undefined,
        override: isHash(override) ? override : undefined,
      },
      block,
    );
  }
  const type = args[1];
  // As Puppet's dispatch: value_type may be undef only in the 4-argument form.
  if (args.length > 1 && args.length < 4 && type === undefined) throw new PapplyError("'lookup' parameter 'value_type' expects a Type value, got Undef", ctx.loc);
  if (type !== undefined && !(type instanceof PType)) throw new PapplyError("'lookup' parameter 'value_type' expects a Type value", ctx.loc);
  if (block && args.length > 3) throw new PapplyError("'lookup' cannot have both a default value and a lambda", ctx.loc);
  return performLookup(ctx, { names, type: type as PType | undefined, merge: args[2], hasDefault: args.length > 3, defaultValue: args[3] }, block);
});

function legacy(name: string, merge: string, after?: (ctx: CallContext, key: string, value: Value) => Value): void {
  registerFunction(name, (ctx, args, block) => {
    if (args.length === 0 || args.length > 3) throw new PapplyError(`'${name}' expects 1 to 3 arguments, got ${args.length}`, ctx.loc);
    const key = args[0];
    if (typeof key !== 'string') throw new PapplyError(`'${name}' expects a String key`, ctx.loc);
    // The third argument (a Hiera 3 override level) has no Hiera 5 meaning; Puppet ignores it too
    // unless a Hiera 3 backend is configured.
    const value = performLookup(ctx, { names: [key], merge, hasDefault: args.length > 1 && !block, defaultValue: args[1], globalOnly: true }, block);
    return after ? after(ctx, key, value) : value;
  });
}

legacy('hiera', 'first');
legacy('hiera_array', 'unique');
legacy('hiera_hash', 'hash');
legacy('hiera_include', 'unique', (ctx, key, value) => {
  if (value === undefined) throw new PapplyError(`Could not find data item ${key}`, ctx.loc);
  if (Array.isArray(value) ? value.length > 0 : value !== '') ctx.callFunction('include', Array.isArray(value) ? value : [value]);
  return undefined;
});
