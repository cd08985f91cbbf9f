// stdlib's range(): range('1', '5'), range('a', 'e'), range('host01', 'host10'), range(0, 9, 2),
// and the one-argument forms 'a..e', 'a...e', '1-5'. Start values made only of digits count as
// integers; other strings step with Ruby's String#succ.

import type { Value } from '../../values.js';
import { stringUpto } from '../../templates/ruby-values.js';
import { arity, fail, register } from './support.js';

register('range', (ctx, args) => {
  arity(ctx, 'range', args, 1, 3);
  let start: Value;
  let stop: Value;
  let exclusive = false;
  let step = 1;
  if (args.length === 1) {
    const match = /^(\w+)(\.\.\.?|-)(\w+)$/.exec(String(args[0] ?? ''));
    if (!match) fail(ctx, `range(): Unable to compute range from the value: ${String(args[0] ?? '')}`);
    [, start, , stop] = match;
    exclusive = match[2] === '...';
  } else {
    [start, stop] = args;
    if (args[2] !== undefined) {
      step = Math.abs(Number.parseInt(String(args[2]), 10) || 0);
      if (step === 0) fail(ctx, 'range(): 3rd arg (step size) must be a non zero integer (e.g. 1 or -1)');
    }
  }
  const values: Value[] = /^\d+$/.test(String(start))
    ? integersBetween(Number.parseInt(String(start), 10), Number.parseInt(String(stop), 10) || 0, exclusive)
    : stringUpto(String(start ?? ''), String(stop ?? ''), exclusive);
  return values.filter((_, index) => index % step === 0);
});

function integersBetween(first: number, last: number, exclusive: boolean): number[] {
  const result: number[] = [];
  for (let n = first; exclusive ? n < last : n <= last; n++) result.push(n);
  return result;
}
