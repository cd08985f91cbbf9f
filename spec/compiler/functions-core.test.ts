// Puppet 7's core functions, called the way the evaluator calls them. Expected values and error
// texts are what `puppet apply -e` (Puppet 7.23) printed for the same calls.
import { describe, expect, it } from 'vitest';
import '../../src/compiler/functions/core/index.js';
import { lookupFunction, type CallContext, type Closure } from '../../src/compiler/functions/registry.js';
import { LogCollector } from '../../src/compiler/log.js';
import { resolveType } from '../../src/compiler/types/index.js';
import { formatValue, stringValue } from '../../src/compiler/value-format.js';
import { PFloat, PRegexp, PSensitive, fromPlain, type Value } from '../../src/compiler/values.js';
import { PapplyError } from '../../src/errors.js';
import { rubyRandomInt } from '../../src/compiler/functions/core/ruby-random.js';

const logger = new LogCollector();
const facts = fromPlain({ networking: { fqdn: 'node-1.example.com' } });
const ctx: CallContext = {
  loc: { file: 'site.pp', line: 1, column: 1 },
  lookupVariable: (name) => (name === 'facts' ? facts : undefined),
  callFunction: (name, args, block) => call(name, args, block),
  resolveModuleFile: () => undefined,
  logger,
  evaluator: undefined,
};

function call(name: string, args: Value[], block?: Closure): Value {
  const fn = lookupFunction(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn(ctx, args, block);
}

/** A lambda as the evaluator would hand it over. */
function lambda(arity: number, body: (...args: Value[]) => Value): Closure {
  return { arity, capturesRest: false, call: (args) => body(...args) };
}

const show = (name: string, ...args: Value[]) => formatValue(call(name, args));
const T = (name: string, ...params: Value[]) => resolveType(name, params) as Value;
const h = (o: Record<string, unknown>) => fromPlain(o);

describe('logging and fail', () => {
  it('logs arguments joined like interpolation', () => {
    call('notice', ['a', [1, 'b', undefined], h({ k: 'v' })]);
    call('warning', ['careful']);
    expect(logger.texts('notice')).toContain('a [1, b, ] {k => v}');
    expect(logger.texts('warning')).toEqual(['careful']);
  });

  it('fails with the joined message at the call', () => {
    expect(() => call('fail', ['boom', 2])).toThrow(PapplyError);
    expect(() => call('fail', ['boom', 2])).toThrow('boom 2');
  });
});

describe('sprintf', () => {
  it('formats like Ruby', () => {
    expect(
      call('sprintf', [
        '%s has %d members, load %05.2f, hex %x, oct %o, pct %%, [%-8s] [%8s]',
        'prod', 3, 3.14159, 255, 8, 'left', 'right',
      ]),
    ).toBe('prod has 3 members, load 03.14, hex ff, oct 10, pct %, [left    ] [   right]');
    expect(
      call('sprintf', [
        '%s|%s|%s|%p|%5.1f|%-5d|%+d|%e|%g|%b|%c|%X|%#x|%#o',
        ['a', 1], h({ a: 1 }), undefined, 'q', 3.14159, 42, 5, 12345.678, 0.0001, 5, 65, 255, 255, 8,
      ]),
    ).toBe('["a", 1]|{"a"=>1}||"q"|  3.1|42   |+5|1.234568e+04|0.0001|101|A|FF|0xff|010');
    expect(call('sprintf', ['%d', '42'])).toBe('42');
    expect(call('sprintf', ['%s', new PFloat(1)])).toBe('1.0');
    expect(call('sprintf', ['%05.1f%%', 2])).toBe('002.0%');
    expect(call('sprintf', ['%<a>s-%{b}', h({ a: 'x', b: 2 })])).toBe('x-2');
    expect(call('sprintf', ['%3$s %1$s', 'a', 'b', 'c'])).toBe('c a');
  });

  it('needs a format', () => {
    expect(() => call('sprintf', [])).toThrow('sprintf(): Wrong number of arguments given (0 for minimum 1)');
  });
});

describe('string functions', () => {
  it('regsubst', () => {
    expect(call('regsubst', ['node-1.example.com', '\\.example\\.com$', ''])).toBe('node-1');
    expect(call('regsubst', ['a-b-c', '-', '_', 'G'])).toBe('a_b_c');
    expect(call('regsubst', ['a-b-c', '-', '_'])).toBe('a_b-c');
    expect(call('regsubst', ['Hello World', '(\\w+) (\\w+)', '\\2 \\1'])).toBe('World Hello');
    expect(call('regsubst', ['ABC', 'b', 'x', 'I'])).toBe('AxC');
    expect(call('regsubst', [['node-1', 'node-2'], '^node-', 'n'])).toEqual(['n1', 'n2']);
    expect(call('regsubst', ['abc', new PRegexp('(b)'), '[\\0\\1]'])).toBe('a[bb]c');
    expect(() => call('regsubst', ['a'])).toThrow("'regsubst' expects between 3 and 5 arguments, got 1");
  });

  it('split and join', () => {
    expect(call('split', ['a,b,,c', ','])).toEqual(['a', 'b', '', 'c']);
    expect(call('split', ['a1b22c', '\\d+'])).toEqual(['a', 'b', 'c']);
    expect(call('split', ['a b  c', ' '])).toEqual(['a', 'b', '', 'c']);
    expect(call('split', ['abc', ''])).toEqual(['a', 'b', 'c']);
    expect(call('split', ['a1b2', '(\\d)'])).toEqual(['a', '1', 'b', '2']);
    expect(call('split', ['a,b,,', ','])).toEqual(['a', 'b']);
    expect(() => call('split', ['a'])).toThrow("'split' expects 2 arguments, got 1");
    expect(call('join', [[1, [2, [3]], undefined, 'x'], '-'])).toBe('1-2-3--x');
    expect(call('join', [[1, 2, 3]])).toBe('123');
    expect(() => call('join', [])).toThrow("'join' expects between 1 and 2 arguments, got none");
  });

  it('case and whitespace', () => {
    expect(show('capitalize', 'hELLO wORLD')).toBe('Hello world');
    expect(show('upcase', h({ a: 'b' }))).toBe('{A => B}');
    expect(call('upcase', [['x', 'y']])).toEqual(['X', 'Y']);
    expect(call('downcase', ['ABC'])).toBe('abc');
    expect([call('strip', ['  x  ']), call('lstrip', ['  x  ']), call('rstrip', ['  x  '])]).toEqual(['x', 'x  ', '  x']);
    expect([call('chomp', ['line\n']), call('chop', ['abc']), call('chop', ['ab\r\n'])]).toEqual(['line', 'ab', 'ab']);
  });

  it('versioncmp', () => {
    expect(call('versioncmp', ['1.10', '1.9'])).toBe(1);
    expect(call('versioncmp', ['1.0a', '1.0'])).toBe(1);
    expect(call('versioncmp', ['2.6-1', '2.6.0'])).toBe(-1);
    expect(call('versioncmp', ['1.2.3', '1.2.3'])).toBe(0);
    expect(() => call('versioncmp', [1, 2])).toThrow("'versioncmp' parameter 'a' expects a String value, got Integer");
  });

  it('match', () => {
    expect(call('match', ['node-12', '^(\\w+)-(\\d+)$'])).toEqual(['node-12', 'node', '12']);
    expect(call('match', ['x', '^y'])).toBeUndefined();
  });
});

describe('collection functions', () => {
  it('keys, values, length, empty', () => {
    const hash = h({ a: 1, b: 2 });
    expect(call('keys', [hash])).toEqual(['a', 'b']);
    expect(call('values', [hash])).toEqual([1, 2]);
    expect(() => call('keys', ['a'])).toThrow("'keys' parameter 'hsh' expects a Hash value, got String");
    expect([call('length', ['héllo']), call('size', [[1, 2]]), call('length', [hash])]).toEqual([5, 2, 2]);
    expect(() => call('length', [1])).toThrow("'length' parameter 'arg' expects a value of type Collection, String, or Binary, got Integer");
    expect([call('empty', ['']), call('empty', [[]]), call('empty', [hash]), call('empty', [0])]).toEqual([true, true, false, false]);
  });

  it('flatten, unique, sort', () => {
    expect(call('flatten', [[1, [2, [3]]]])).toEqual([1, 2, 3]);
    expect(call('flatten', [])).toEqual([]);
    expect(call('unique', [['a', 'A', 'a']])).toEqual(['a', 'A']);
    expect(call('unique', ['aabbc'])).toBe('abc');
    expect(call('sort', [['b', 'A', 'a', 'B']])).toEqual(['A', 'B', 'a', 'b']);
    expect(call('sort', [[3, 10, 2]])).toEqual([2, 3, 10]);
    expect(call('sort', [[3, 10, 2]], lambda(2, (a, b) => (b as number) - (a as number)))).toEqual([10, 3, 2]);
    expect(() => call('sort', [1])).toThrow("The function 'sort' was called with arguments it does not accept");
  });

  it('dig, min, max, abs', () => {
    const data = h({ a: { b: [10, 20] } });
    expect(call('dig', [data, 'a', 'b', 1])).toBe(20);
    expect(call('dig', [data, 'x', 'b'])).toBeUndefined();
    expect(() => call('dig', [1, 2])).toThrow("'dig' parameter 'data' expects a value of type Undef or Collection, got Integer");
    expect(call('max', [3, 10, '9'])).toBe(10);
    expect(call('max', ['a', 'B'])).toBe('a');
    expect(call('min', [3, 1, 2])).toBe(1);
    expect(() => call('max', [])).toThrow('max(): Wrong number of arguments need at least one');
    expect(call('abs', [-3])).toBe(3);
  });

  it('digests', () => {
    expect(call('md5', ['abc'])).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('sha1', ['abc'])).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('sha256', ['abc'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('iteration', () => {
  const nodes = ['node-1', 'node-2', 'node-3'];
  const ports = h({ http: 80, https: 443, stats: 8404 });

  it('each passes values, index/value pairs and key/value pairs', () => {
    const seen: string[] = [];
    call('each', [nodes], lambda(2, (i, n) => void seen.push(`${i}:${n}`)));
    call('each', [ports], lambda(1, (pair) => void seen.push(formatValue(pair))));
    call('each', [ports], lambda(2, (k, v) => void seen.push(`${k}=${v}`)));
    expect(seen).toEqual(['0:node-1', '1:node-2', '2:node-3', '[http, 80]', '[https, 443]', '[stats, 8404]', 'http=80', 'https=443', 'stats=8404']);
    expect(() => call('each', [[1]])).toThrow("'each' expects a block");
    expect(() => call('each', [[1]], lambda(3, () => undefined))).toThrow("'each' block expects between 1 and 2 arguments, got 3");
  });

  it('map, filter, reduce, any, all', () => {
    expect(call('map', [nodes], lambda(1, (n) => (n as string).toUpperCase()))).toEqual(['NODE-1', 'NODE-2', 'NODE-3']);
    expect(formatValue(call('filter', [ports], lambda(2, (_k, v) => (v as number) > 100)))).toBe('{https => 443, stats => 8404}');
    expect(call('reduce', [ports, 0], lambda(2, (memo, pair) => (memo as number) + ((pair as Value[])[1] as number)))).toBe(8927);
    expect(call('reduce', [nodes], lambda(2, (memo, n) => `${memo}+${n}`))).toBe('node-1+node-2+node-3');
    expect(call('any', [nodes], lambda(1, (n) => /3$/.test(n as string)))).toBe(true);
    expect(call('all', [nodes], lambda(1, (n) => /^node/.test(n as string)))).toBe(true);
    expect(call('map', [3], lambda(1, (i) => i))).toEqual([0, 1, 2]);
  });

  it('with, then, lest, step, reverse_each', () => {
    expect(call('with', [7, 8], lambda(2, (a, b) => (a as number) * (b as number)))).toBe(56);
    expect(call('then', [undefined], lambda(1, () => 'x'))).toBeUndefined();
    expect(call('then', [2], lambda(1, (v) => (v as number) + 1))).toBe(3);
    expect(call('lest', [undefined], lambda(0, () => 'fallback'))).toBe('fallback');
    expect(call('step', [[1, 2, 3, 4, 5], 2])).toEqual([1, 3, 5]);
    expect(() => call('step', [[1], 0])).toThrow("'step' parameter 'step' expects an Integer[1] value, got Integer[0, 0]");
    expect(call('reverse_each', [[1, 2, 3]])).toEqual([3, 2, 1]);
  });
});

describe('conversions and types', () => {
  it('converts with new', () => {
    const n = (type: string, ...args: Value[]) => call('new', [T(type), ...args]);
    expect([n('Integer', '0x1F'), n('Integer', '017'), n('Integer', '42'), n('Integer', 3.7), n('Integer', '12', 8), n('Integer', true)]).toEqual([31, 15, 42, 3, 10, 1]);
    expect(() => n('Integer', 'x')).toThrow("'new' The string 'x' cannot be converted to Integer");
    expect(() => n('Integer', '1_000')).toThrow("'new' The string '1_000' cannot be converted to Integer");
    expect(formatValue(n('Float', 3))).toBe('3.0');
    expect(formatValue(n('Float', '0x10'))).toBe('16.0');
    expect(formatValue(n('Numeric', '3.0'))).toBe('3.0');
    expect(n('Numeric', '7')).toBe(7);
    expect([n('Boolean', 'Yes'), n('Boolean', 0)]).toEqual([true, false]);
    expect(() => n('Boolean', '')).toThrow("'new_boolean' The string '' cannot be converted to Boolean");
    expect(n('Array', 'ab')).toEqual(['a', 'b']);
    expect(n('Array', 1)).toEqual([0]);
    expect(n('Array', 'ab', true)).toEqual(['ab']);
    expect(n('Array', undefined, true)).toEqual([]);
    expect(() => n('Array', undefined)).toThrow("'new_array' Value of type Undef cannot be converted to Array");
    expect(formatValue(n('Hash', [['a', 1], ['b', 2]]))).toBe('{a => 1, b => 2}');
    expect(() => n('Hash', [1])).toThrow('odd number of arguments for Hash');
    expect(n('String', undefined)).toBe('');
    expect(n('String', 3, '%x')).toBe('3');
    expect(n('String', [1, 'a', undefined])).toBe("[1, 'a', undef]");
    expect(n('String', new PFloat(1))).toBe('1.000000');
    expect(call('new', [T('Sensitive'), 's'])).toBeInstanceOf(PSensitive);
    expect(() => call('new', [T('Integer', 1, 5), 10])).toThrow(
      'Converted value from Integer[1, 5].new() has wrong type, expects an Integer[1, 5] value, got Integer[10, 10]',
    );
  });

  it('type and assert_type', () => {
    expect(String(call('type', [[1, 'a']]))).toBe('Tuple[Integer[1, 1], String]');
    expect(String(call('type', [[1, 'a'], 'generalized']))).toBe('Array[ScalarData]');
    expect(call('assert_type', [T('String'), 'ok'])).toBe('ok');
    expect(() => call('assert_type', [T('String'), 1])).toThrow('assert_type(): expects a String value, got Integer');
    expect(call('assert_type', [T('String'), 1], lambda(2, (e, a) => `${e}/${a}`))).toBe('String/Integer[1, 1]');
  });

  it('renders String() like Puppet', () => {
    expect(stringValue(h({ a: [1, 'x'] }))).toBe("{'a' => [1, 'x']}");
    expect(stringValue(new PRegexp('x'))).toBe('x');
  });
});

// Expected texts are Ruby 3.1's format() output (what Puppet's sprintf uses).
describe('number formatting rounds like Ruby', () => {
  it.each<[string, Value, string]>([
    ['%.2f', 2.345, '2.34'],
    ['%.2f', 2.675, '2.68'],
    ['%.2f', 1.005, '1.00'],
    ['%.2f', 0.125, '0.12'],
    ['%.3f', 2.0005, '2.000'],
    ['%.1f', 0.25, '0.2'],
    ['%.0f', 2.5, '2'],
    ['%.3e', 1234.5, '1.234e+03'],
    ['%e', 9.9999999, '1.000000e+01'],
    ['%g', 9.9999999, '10'],
    ['%g', 100000, '100000'],
    ['%g', 1000000, '1e+06'],
    ['%g', 0.0001, '0.0001'],
    ['%.3g', 3.14159, '3.14'],
    ['%f', -0.5, '-0.500000'],
    ['%x', -7, '..f9'],
    ['%#X', -2, '0X..FE'],
    ['%b', -7, '..1001'],
    ['%+x', -7, '-7'],
    ['%f', '0x1f', '31.000000'],
  ])('%s of %s', (format, value, text) => {
    expect(call('sprintf', [format, value])).toBe(text);
  });
});

describe('misc core functions', () => {
  it('fqdn_rand gives the numbers Puppet gives for node-1.example.com', () => {
    expect(call('fqdn_rand', [60])).toBe(23);
    expect(call('fqdn_rand', [60, 'job'])).toBe(9);
    expect(call('fqdn_rand', [1000000, 42])).toBe(744319);
    expect(call('fqdn_rand', [5000000000])).toBe(2474690927);
    expect(call('fqdn_rand', [1])).toBe(0);
  });

  it('reproduces Ruby Random#rand for small and large seeds', () => {
    // ruby -e 'p Random.new(5).rand(100), Random.new(2**40+7).rand(1000)'
    expect(rubyRandomInt(5n, 100n)).toBe(99n);
    expect(rubyRandomInt(2n ** 40n + 7n, 1000n)).toBe(218n);
  });

  it('shellquote, rounding, get, slice, index, unwrap', () => {
    expect(call('shellquote', ['a b', "it's", 'x$y', ['plain', '']])).toBe('"a b" "it\'s" \'x$y\' plain ""');
    expect([call('round', [2.5]), call('round', [-2.5]), call('floor', [2.7]), call('ceiling', [2.1])]).toEqual([3, -3, 2, 3]);
    expect(call('get', [h({ a: { b: [1, 2] } }), 'a.b.1'])).toBe(2);
    expect(call('get', [h({ a: 1 }), 'x.y', 'dflt'])).toBe('dflt');
    expect(call('slice', [[1, 2, 3, 4, 5], 2])).toEqual([[1, 2], [3, 4], [5]]);
    expect([call('index', [['a', 'b', 'c'], 'b']), call('index', [h({ x: 1, y: 2 }), 2]), call('index', ['abcb', 'b'])]).toEqual([1, 'y', 1]);
    expect(call('unwrap', [new PSensitive(1)])).toBe(1);
  });
});

describe('argument errors worded like Puppet', () => {
  it.each<[string, Value[], Closure | undefined, string]>([
    ['each', [undefined], lambda(1, () => undefined), "The function 'each' was called with arguments it does not accept. It expects one of:\n  (Hash hash, Callable[2, 2] block)\n    rejected: parameter 'hash' expects a Hash value, got Undef\n  (Hash hash, Callable[1, 1] block)\n    rejected: parameter 'hash' expects a Hash value, got Undef\n  (Iterable enumerable, Callable[2, 2] block)\n    rejected: parameter 'enumerable' expects an Iterable value, got Undef\n  (Iterable enumerable, Callable[1, 1] block)\n    rejected: parameter 'enumerable' expects an Iterable value, got Undef"],
    ['map', [[1]], lambda(3, () => undefined), "'map' block expects between 1 and 2 arguments, got 3"],
    ['reduce', [[1]], lambda(1, () => undefined), "'reduce' block expects 2 arguments, got 1"],
    ['filter', [[1]], lambda(0, () => undefined), "'filter' block expects between 1 and 2 arguments, got none"],
    ['assert_type', [resolveType('String', []) as Value], undefined, "'assert_type' expects 2 arguments, got 1"],
    ['join', ['a'], undefined, "'join' parameter 'arg' expects an Array value, got String"],
    ['keys', [], undefined, "'keys' expects 1 argument, got none"],
    ['sort', [[1, 'a']], undefined, 'comparison of Integer with String failed'],
    ['match', [1, 'a'], undefined, "'match' parameter 'string' expects a value of type String or Array, got Integer"],
    ['split', [1, ','], undefined, "'split' parameter 'str' expects a String value, got Integer"],
    ['upcase', [true], undefined, "'upcase' parameter 'arg' expects a value of type Numeric, String, Array, or Hash, got Boolean"],
  ])('%s', (name, args, block, message) => {
    expect(() => call(name, args, block)).toThrow(message);
  });
});
