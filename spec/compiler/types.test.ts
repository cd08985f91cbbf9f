// The type system against Puppet 7.23's own renderings and error wordings (each expected string
// below was printed by `puppet apply -e` on the same snippet).
import { describe, expect, it } from 'vitest';
import {
  assertType,
  compareTypes,
  generalize,
  resolveType,
  typeMismatchMessage,
  typeOf,
  validateParameters,
  TypeAliasType,
  type BaseType,
} from '../../src/compiler/types/index.js';
import { DEFAULT, PFloat, PRegexp, PSensitive, fromPlain, type PType, type Value } from '../../src/compiler/values.js';
import { PapplyError } from '../../src/errors.js';

const T = (name: string, ...params: Value[]) => resolveType(name, params) as BaseType;
const hash = (o: Record<string, unknown>) => fromPlain(o);

describe('type rendering', () => {
  it.each<[PType, string]>([
    [T('String', 1), 'String[1]'],
    [T('Integer', DEFAULT, 5), 'Integer[default, 5]'],
    [T('Integer', 1, DEFAULT), 'Integer[1]'],
    [T('Optional', T('Hash', T('String'), T('Integer'))), 'Optional[Hash[String, Integer]]'],
    [T('Resource', 'file', 'x'), "File['x']"],
    [T('Resource', 'foo::bar'), 'Foo::Bar'],
    [T('Class', 'foo::bar'), 'Class[foo::bar]'],
    [T('Enum', 'a', 'b c'), "Enum['a', 'b c']"],
    [T('Pattern', new PRegexp('a'), 'b'), 'Pattern[/a/, /b/]'],
    [T('Struct', new Map<Value, Value>([['a', T('Integer')]])), "Struct[{'a' => Integer}]"],
    [T('Tuple', T('String'), T('Integer'), 1, 3), 'Tuple[String, Integer, 1, 3]'],
    [T('Array', T('String'), 1), 'Array[String, 1]'],
    [T('Hash', T('String'), T('Integer'), 1), 'Hash[String, Integer, 1]'],
    [T('Float', new PFloat(1)), 'Float[1.0]'],
    [T('Variant', T('String'), T('Integer')), 'Variant[String, Integer]'],
    [T('Type', T('String')), 'Type[String]'],
    [T('Array'), 'Array'],
    [T('Array', T('Any'), 2), 'Array[Any, 2]'],
    [T('Regexp', new PRegexp('x')), 'Regexp[/x/]'],
    [T('NotUndef', T('String')), 'NotUndef[String]'],
    [T('Sensitive', T('String')), 'Sensitive[String]'],
    [T('Collection', 1, 2), 'Collection[1, 2]'],
    [T('Enum', 'a', 'b', true), "Enum['a', 'b', true]"],
  ])('%s', (type, rendering) => {
    expect(type.toString()).toBe(rendering);
  });

  it('renders Optional struct keys', () => {
    const key = T('Optional', 'b');
    const struct = T('Struct', new Map<Value, Value>([['a', T('Integer')], [key, T('String')]]));
    expect(struct.toString()).toBe("Struct[{'a' => Integer, Optional['b'] => String}]");
    expect(struct.isInstance(hash({ a: 1 }))).toBe(true);
    expect(struct.isInstance(hash({ a: 1, c: 2 }))).toBe(false);
  });

  it('knows the remaining Puppet type names opaquely', () => {
    expect([T('Timespan'), T('SemVer'), T('Optional', T('Timestamp'))].map(String)).toEqual(['Timespan', 'SemVer', 'Optional[Timestamp]']);
    expect(T('Optional', T('Binary')).isInstance(undefined)).toBe(true);
    expect(T('Timespan').isInstance('1h')).toBe(false);
  });

  it('gives several references for several titles', () => {
    const refs = resolveType('Service', ['a', 'b']) as PType[];
    expect(refs.map(String)).toEqual(["Service['a']", "Service['b']"]);
  });

  it('rejects unknown names when the environment says so', () => {
    expect(() => resolveType('Stdlib::Port', [], undefined, { isResourceType: () => false })).toThrow('Resource type not found: Stdlib::Port');
  });
});

describe('inferred types (type())', () => {
  it.each<[Value, string]>([
    ['abc', 'String'],
    [1, 'Integer[1, 1]'],
    [1.5, 'Float[1.5, 1.5]'],
    [true, 'Boolean[true]'],
    [[1, 'a'], 'Tuple[Integer[1, 1], String]'],
    [hash({ a: 1 }), "Struct[{'a' => Integer[1, 1]}]"],
    [undefined, 'Undef'],
    [new PRegexp('x'), 'Regexp[/x/]'],
    [[], 'Array[0, 0]'],
    [new Map(), 'Hash[0, 0]'],
    [DEFAULT, 'Default'],
    [new PSensitive(1), 'Sensitive[Integer]'],
  ])('%s', (value, rendering) => {
    expect(typeOf(value).toString()).toBe(rendering);
  });

  it('types references as Type[...]', () => {
    expect(typeOf(T('Resource', 'file', '/x')).toString()).toBe("Type[File['/x']]");
  });

  it('generalizes', () => {
    expect(generalize(typeOf([1, 'a'])).toString()).toBe('Array[ScalarData]');
  });
});

describe('mismatch wording', () => {
  const param = (type: PType, value: Value) => typeMismatchMessage('Class[A]', type, value, 'x');
  it.each<[PType, Value, string]>([
    [T('String'), 1, "Class[A]: parameter 'x' expects a String value, got Integer"],
    [T('Optional', T('String')), 1, "Class[A]: parameter 'x' expects a value of type Undef or String, got Integer"],
    [T('String', 1), '', "Class[A]: parameter 'x' expects a String[1] value, got String"],
    [T('String', 2, 3), 'abcdef', "Class[A]: parameter 'x' expects a String[2, 3] value, got String"],
    [T('Integer', 1, 65535), 70000, "Class[A]: parameter 'x' expects an Integer[1, 65535] value, got Integer[70000, 70000]"],
    [T('Enum', 'a', 'b'), 'c', "Class[A]: parameter 'x' expects a match for Enum['a', 'b'], got 'c'"],
    [T('Pattern', new PRegexp('^a')), 'b', "Class[A]: parameter 'x' expects a match for Pattern[/^a/], got 'b'"],
    [T('Hash', T('String'), T('Integer')), hash({ a: 'b' }), "Class[A]: parameter 'x' entry 'a' expects an Integer value, got String"],
    [T('Array', T('String')), ['a', 1], "Class[A]: parameter 'x' index 1 expects a String value, got Integer"],
    [T('Array', T('String'), 2), ['a'], "Class[A]: parameter 'x' expects size to be at least 2, got 1"],
    [T('Variant', T('Integer'), T('Enum', 'x')), 'y', "Class[A]: parameter 'x' expects a value of type Integer or Enum['x'], got String"],
    [T('Tuple', T('String'), T('Integer')), ['a', 'b'], "Class[A]: parameter 'x' index 1 expects an Integer value, got String"],
    [T('Float'), 1, "Class[A]: parameter 'x' expects a Float value, got Integer"],
    [T('Numeric'), '1', "Class[A]: parameter 'x' expects a Numeric value, got String"],
    [T('Optional', T('Variant', T('String'), T('Integer'))), [1], "Class[A]: parameter 'x' expects a value of type Undef, String, or Integer, got Tuple"],
    [T('Struct', new Map<Value, Value>([['a', T('Integer')]])), new Map(), "Class[A]: parameter 'x' expects size to be 1, got 0"],
    [T('Hash', T('String'), T('Integer'), 1), new Map(), "Class[A]: parameter 'x' expects size to be at least 1, got 0"],
    [T('Array', T('Integer')), 'x', "Class[A]: parameter 'x' expects an Array value, got String"],
    [T('Optional', T('Enum', 'a')), 'x', "Class[A]: parameter 'x' expects an undef value or a match for Enum['a'], got 'x'"],
    [T('Boolean'), hash({ a: 1 }), "Class[A]: parameter 'x' expects a Boolean value, got Struct"],
    [
      T('Variant', T('Array', T('String')), T('String')),
      [1],
      "Class[A]:\n  parameter 'x' variant 0 index 0 expects a String value, got Integer\n  parameter 'x' variant 1 expects a String value, got Tuple",
    ],
    [
      T('Struct', new Map<Value, Value>([['a', T('Integer')]])),
      hash({ c: 1 }),
      "Class[A]:\n  parameter 'x' expects a value for key 'a'\n  parameter 'x' unrecognized key 'c'",
    ],
  ])('%s given %j', (type, value, message) => {
    expect(param(type, value)).toBe(message);
  });

  it('names aliases with their expansion', () => {
    const port = new TypeAliasType('Port', () => T('Integer', 1, 65535));
    const maybePort = new TypeAliasType('MaybePort', () => T('Optional', port));
    const mode = new TypeAliasType('Mode', () => T('Variant', T('Enum', 'a', 'b'), T('Integer')));
    expect(typeMismatchMessage('Class[A]', port, 'x', 'p')).toBe("Class[A]: parameter 'p' expects a Port = Integer[1, 65535] value, got String");
    expect(typeMismatchMessage('Class[A]', port, 70000, 'p')).toBe(
      "Class[A]: parameter 'p' expects a Port = Integer[1, 65535] value, got Integer[70000, 70000]",
    );
    expect(typeMismatchMessage('Class[A]', mode, 'c', 'm')).toBe(
      "Class[A]: parameter 'm' expects a Mode = Variant[Enum['a', 'b'], Integer] value, got String",
    );
    expect(typeMismatchMessage('Class[A]', maybePort, [1], 'm')).toBe("Class[A]: parameter 'm' expects a Port = Integer[1, 65535] value, got Tuple");
    expect(maybePort.isInstance(undefined)).toBe(true);
  });

  it('words assert_type failures without a parameter', () => {
    expect(typeMismatchMessage('assert_type()', T('String'), 1)).toBe('assert_type(): expects a String value, got Integer');
    expect(typeMismatchMessage('assert_type()', T('Variant', T('String'), T('Integer')), [1])).toBe(
      'assert_type(): expects a value of type String or Integer, got Tuple',
    );
    const loc = { file: 'x.pp', line: 3, column: 5 };
    expect(() => assertType(T('String'), 1, 'assert_type()', loc)).toThrow(PapplyError);
    expect(() => assertType(T('String'), 'ok', 'assert_type()', loc)).not.toThrow();
  });

  it('validates class parameters like Puppet', () => {
    const check = (values: Record<string, Value>) => () =>
      validateParameters('Class[A]', [{ name: 'x', type: T('String') }, { name: 'y' }], new Map(Object.entries(values)));
    expect(check({ y: 1 })).toThrow("Class[A]: expects a value for parameter 'x'");
    expect(check({ x: 'a', y: 1, z: 1 })).toThrow("Class[A]: has no parameter named 'z'");
    expect(check({ x: undefined, y: 1 })).toThrow("Class[A]: parameter 'x' expects a String value, got Undef");
    expect(check({ x: 'a', y: undefined })).not.toThrow();
  });
});

describe('instances and assignability', () => {
  it('matches values', () => {
    expect(T('Integer').isInstance(1)).toBe(true);
    expect(T('Integer').isInstance(1.5)).toBe(false);
    expect(T('Float').isInstance(new PFloat(1))).toBe(true);
    expect(T('Numeric').isInstance(new PFloat(1))).toBe(true);
    expect(T('Data').isInstance(hash({ a: [1, 'b', null] }))).toBe(true);
    expect(T('Scalar').isInstance(new PRegexp('x'))).toBe(true);
    expect(T('ScalarData').isInstance(new PRegexp('x'))).toBe(false);
    expect(T('Enum', 'a', 'b', true).isInstance('A')).toBe(true);
    // References are types: instances of Type[...], never of Resource or CatalogEntry.
    expect(T('CatalogEntry').isInstance(T('Class', 'foo'))).toBe(false);
    expect(T('Type', T('CatalogEntry')).isInstance(T('Class', 'foo'))).toBe(true);
    expect(T('Type', T('Resource', 'file')).isInstance(T('Resource', 'file', 'x'))).toBe(true);
    expect(T('Type', T('Scalar')).isInstance(T('String'))).toBe(true);
  });

  it('compares types', () => {
    expect(compareTypes('<', T('Integer'), T('Numeric'))).toBe(true);
    expect(compareTypes('>', T('Optional', T('String')), T('String'))).toBe(true);
    expect(compareTypes('==', T('Integer', 1, 2), T('Integer', 1, 2))).toBe(true);
    expect(compareTypes('<', T('Numeric'), T('Integer'))).toBe(false);
  });
});
