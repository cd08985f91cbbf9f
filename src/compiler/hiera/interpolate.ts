// Hiera interpolation of `%{...}` in hierarchy paths and data values, as Puppet does it:
// `%{x}`, `%{::x}`, `%{facts.os.family}` read the scope (dotted keys dig into hashes and arrays),
// `%{lookup('k')}` / `%{hiera('k')}` look another key up, `%{alias('k')}` (the whole string) keeps
// the looked-up value's type, `%{literal('%')}` is the text itself, `%{scope('x')}` is `%{x}`.

import { PapplyError } from '../../errors.js';
import { isHash, type PHash, type Value } from '../values.js';
import { fromPuppet, toS } from '../templates/ruby-values.js';

export interface InterpolationContext {
  lookupVariable(name: string): Value;
  /** Looks a key up through Hiera; undefined when not found. */
  lookupKey?(key: string): Value;
  /** Where the string comes from, for errors. */
  where: string;
}

const EMPTY = new Set(['', '::', '""', "''", '"::"', "'::'"]);

export function interpolate(value: Value, context: InterpolationContext): Value {
  if (typeof value === 'string') return value.includes('%{') ? interpolateString(value, context) : value;
  if (Array.isArray(value)) return value.map((v) => interpolate(v, context));
  if (isHash(value)) {
    const result: PHash = new Map();
    for (const [k, v] of value) result.set(interpolate(k, context), interpolate(v, context));
    return result;
  }
  return value;
}

function interpolateString(subject: string, context: InterpolationContext): Value {
  let aliased: { value: Value } | undefined;
  const text = subject.replace(/%\{([^}]*)\}/g, (match, inner: string) => {
    const expr = inner.trim();
    if (EMPTY.has(expr)) return '';
    const call = /^(\w+)\((?:"([^"]+)"|'([^']+)')\)$/.exec(expr);
    let value: Value;
    if (call) {
      const [, method, dq, sq] = call;
      const key = dq ?? sq;
      switch (method) {
        case 'literal':
          return key;
        case 'scope':
          value = scopeValue(key, context);
          break;
        case 'alias':
        case 'lookup':
        case 'hiera':
          if (method === 'alias' && match !== subject) {
            throw new PapplyError(`'alias' interpolation is only permitted if the expression is equal to the entire string (in ${context.where})`);
          }
          if (!context.lookupKey) throw new PapplyError(`Interpolation using method syntax is not allowed in this context (in ${context.where})`);
          value = context.lookupKey(key);
          if (method === 'alias') {
            aliased = { value };
            return '';
          }
          break;
        default:
          throw new PapplyError(`Unknown interpolation method '${method}' (in ${context.where})`);
      }
    } else value = scopeValue(expr, context);
    value = interpolate(value, context);
    // Ruby's gsub prints the value with to_s.
    return toS(fromPuppet(value));
  });
  return aliased ? aliased.value : text;
}

/** A scope variable, digging into it for dotted keys (`facts.os.family`, `"quoted.key".x`, `list.0`). */
function scopeValue(key: string, context: InterpolationContext): Value {
  const segments = splitKey(key, context.where);
  let value = context.lookupVariable(segments[0]);
  for (const segment of segments.slice(1)) {
    if (value === undefined) return undefined;
    if (isHash(value)) value = value.get(segment);
    else if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
    else return undefined;
  }
  return value;
}

/** Splits `a.b."c.d".0` into segments, as Puppet's SubLookup.split_key. */
export function splitKey(key: string, where: string): string[] {
  const segments: string[] = [];
  let rest = key;
  while (rest.length) {
    const quoted = /^(?:"([^"]*)"|'([^']*)')/.exec(rest);
    if (quoted) {
      segments.push(quoted[1] ?? quoted[2]);
      rest = rest.slice(quoted[0].length);
    } else {
      const dot = rest.indexOf('.');
      segments.push(dot < 0 ? rest : rest.slice(0, dot));
      rest = dot < 0 ? '' : rest.slice(dot);
    }
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (!rest.length) throw new PapplyError(`Syntax error in string: ${key} (in ${where})`);
    } else if (rest.length) throw new PapplyError(`Syntax error in string: ${key} (in ${where})`);
  }
  return segments;
}
