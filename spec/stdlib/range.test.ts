// stdlib's range() and the Ruby String#succ / String#upto it relies on, compared with Ruby itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import '../../src/compiler/functions/stdlib/index.js';
import { lookupFunction } from '../../src/compiler/functions/registry.js';
import { rubySucc, stringUpto } from '../../src/compiler/templates/ruby-values.js';
import type { Value } from '../../src/compiler/values.js';
import { TemplateContext } from '../templates/template-context.js';

const ctx = new TemplateContext(new Map<string, Value>());
const range = (...args: Value[]): Value => lookupFunction('range')!(ctx, args);
const ruby = (code: string): unknown => JSON.parse(execFileSync('ruby', ['-rjson', '-e', `puts JSON.generate(${code})`], { encoding: 'utf8' }));
const rubySkip = (() => {
  try {
    execFileSync('ruby', ['-e', '1']);
    return undefined;
  } catch {
    return 'ruby is not installed';
  }
})();
if (rubySkip) console.log(`skipping Ruby comparisons: ${rubySkip}`);

describe.skipIf(rubySkip)('String#succ and String#upto as Ruby', () => {
  const words = ['a', 'az', 'zz', 'a9', 'Az', 'zz99', 'a-9', '1.9.9', 'host09', 'Zz', '-', 'node-1', '9'];
  it.each(words)('succ of %j', (word) => {
    expect(rubySucc(word)).toBe(ruby(`${JSON.stringify(word)}.succ`));
  });
  const ranges: [string, string, boolean][] = [
    ['host01', 'host10', false],
    ['a', 'e', true],
    ['00', '09', false],
    ['8', '11', false],
    ['aa', 'b', false],
    ['x', 'ab', false],
    ['node-1', 'node-3', false],
    ['az', 'bc', true],
  ];
  it.each(ranges)('%j..%j (exclusive %s)', (from, to, exclusive) => {
    expect(stringUpto(from, to, exclusive)).toEqual(ruby(`(${JSON.stringify(from)}${exclusive ? '...' : '..'}${JSON.stringify(to)}).to_a`));
  });
});

describe('range()', () => {
  it('counts digit-only starts as integers, with a step', () => {
    expect(range('1', '5')).toEqual([1, 2, 3, 4, 5]);
    expect(range('00', '3')).toEqual([0, 1, 2, 3]);
    expect(range(0, 9, 2)).toEqual([0, 2, 4, 6, 8]);
    expect(range(0, 9, -3)).toEqual([0, 3, 6, 9]);
  });
  it('steps strings with succ', () => {
    expect(range('host01', 'host03')).toEqual(['host01', 'host02', 'host03']);
    expect(range('a', 'e', 2)).toEqual(['a', 'c', 'e']);
  });
  it('reads the one-argument forms', () => {
    expect(range('1..3')).toEqual([1, 2, 3]);
    expect(range('1...3')).toEqual([1, 2]);
    expect(range('a-c')).toEqual(['a', 'b', 'c']);
  });
  it('refuses what it cannot read', () => {
    expect(() => range('1,3')).toThrow('range(): Unable to compute range from the value: 1,3');
    expect(() => range(1, 3, 0)).toThrow('3rd arg (step size) must be a non zero integer');
  });
});
