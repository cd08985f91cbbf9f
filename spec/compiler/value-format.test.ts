// Rendering, comparison and catalog serialisation of values, against what Puppet 7.23 printed
// (spec/conformance/formatting_matrix.pp and puppet apply -e runs).
import { describe, expect, it } from 'vitest';
import { resolveType } from '../../src/compiler/types/index.js';
import { formatValue, puppetEquals, rubyFloat, stringValue, toCatalogValue } from '../../src/compiler/value-format.js';
import { DEFAULT, PFloat, PRegexp, PSensitive, fromPlain, type Value } from '../../src/compiler/values.js';

const h = (o: Record<string, unknown>) => fromPlain(o);
const ref = (type: string, title: string) => resolveType(type, [title]) as Value;

describe('rendering', () => {
  it.each<[Value, string, string]>([
    [undefined, '', ''],
    [DEFAULT, 'default', 'default'],
    [true, 'true', 'true'],
    [0, '0', '0'],
    [new PFloat(3), '3.0', '3.000000'],
    [new PFloat(1e20), '1.0e+20', '100000000000000000000.000000'],
    [1.5e-7, '1.5e-07', '0.000000'],
    [0.1 + 0.2, '0.30000000000000004', '0.300000'],
    [100 / 3, '33.333333333333336', '33.333333'],
    [[undefined, 'a', 1, new PFloat(2), [true]], '[, a, 1, 2.0, [true]]', "[undef, 'a', 1, 2.0, [true]]"],
    [h({ k: null, n: { m: [1] } }), '{k => , n => {m => [1]}}', "{'k' => undef, 'n' => {'m' => [1]}}"],
    [new Map<Value, Value>([[1, 'one']]), '{1 => one}', "{1 => 'one'}"],
    [new PRegexp('^a.b$'), '/^a.b$/', '^a.b$'],
    [ref('File', '/etc/x'), "File['/etc/x']", "File['/etc/x']"],
    [resolveType('Class', ['profile::base']) as Value, 'Class[profile::base]', 'Class[profile::base]'],
    [new PSensitive('s'), 'Sensitive [value redacted]', 'Sensitive [value redacted]'],
  ])('%s', (value, interpolated, converted) => {
    expect(formatValue(value)).toBe(interpolated);
    expect(stringValue(value)).toBe(converted);
  });

  it('renders floats like Ruby', () => {
    // As `ruby -e 'p [1e15.to_s, 999999999999999.0.to_s]'` prints: exponent form from 1.0e+15.
    expect([1, 0.1, 999999999999999, 1e15, 1234567890123456, 1e16, 0.0001, 0.00001, -0].map(rubyFloat)).toEqual([
      '1.0',
      '0.1',
      '999999999999999.0',
      '1.0e+15',
      '1.234567890123456e+15',
      '1.0e+16',
      '0.0001',
      '1.0e-05',
      '-0.0',
    ]);
  });
});

describe('==', () => {
  it.each<[Value, Value, boolean]>([
    ['abc', 'ABC', true],
    ['1', 1, false],
    [1, new PFloat(1), true],
    [[1, 'a'], [1, 'A'], true],
    [h({ a: 1 }), h({ A: 1 }), false],
    [h({ a: 'x' }), h({ a: 'X' }), true],
    [undefined, '', false],
    [true, 'true', false],
    [new PRegexp('a'), new PRegexp('a'), true],
    [ref('File', '/x'), ref('File', '/x'), true],
    [ref('File', '/x'), ref('File', '/X'), false],
    [DEFAULT, DEFAULT, true],
    [0.1 + 0.2, 0.3, false],
    [new Map(), [], false],
  ])('%j == %j', (a, b, equal) => {
    expect(puppetEquals(a, b)).toBe(equal);
  });
});

describe('catalog values', () => {
  it('serialises like Puppet', () => {
    expect(toCatalogValue(ref('File', '/x'))).toBe('File[/x]');
    expect(toCatalogValue(resolveType('Class', ['foo']) as Value)).toBe('Class[Foo]');
    expect(toCatalogValue([1, undefined, new PFloat(2), new PRegexp('re'), DEFAULT])).toEqual([1, null, 2, { __ptype: 'Regexp', __pvalue: 're' }, { __ptype: 'Default' }]);
    expect(toCatalogValue(new Map<Value, Value>([[1, 2], [undefined, 3]]))).toEqual({ __ptype: 'Hash', __pvalue: [1, 2, null, 3] });
    expect(toCatalogValue(h({ a: null, b: [null] }))).toEqual({ a: null, b: [null] });
    // Nested in a parameter, Sensitive stays rich data (the builder reveals a top-level one).
    expect(toCatalogValue(new Map<Value, Value>([['pw', new PSensitive('s')]]))).toEqual({ pw: { __ptype: 'Sensitive', __pvalue: 's' } });
    expect(toCatalogValue(resolveType('Integer', []) as Value)).toEqual({ __ptype: 'Pcore::IntegerType' });
  });
});
