// Type references and their parameters as the evaluator meets them: `String`, `String[1]`,
// `Optional[Hash[String, Integer]]`, `File['/x']`, `Resource['file', 'x']`, `Class['foo']`,
// `Struct[{a => Integer}]`, type aliases and resource types (built-in or defined).

import { PapplyError, type SourceLocation } from '../../errors.js';
import { DEFAULT, PRegexp, PType, isArray, isHash, type Value } from '../values.js';
import {
  AnyType,
  ArrayType,
  BaseType,
  BooleanType,
  CallableType,
  CatalogEntryType,
  ClassType,
  CollectionType,
  DataType,
  DefaultType,
  EnumType,
  FloatType,
  HashType,
  IntegerType,
  IterableType,
  NotUndefType,
  NumericType,
  OpaqueType,
  OptionalType,
  PatternType,
  RegexpType,
  ResourceType,
  RichDataType,
  ScalarDataType,
  ScalarType,
  SensitiveType,
  SizeRange,
  StringType,
  StructType,
  TupleType,
  TypeType,
  UndefType,
  UnitType,
  VariantType,
  numberOf,
  type StructElement,
} from './types.js';

/** What the evaluator tells the type system about names it does not know itself. */
export interface TypeEnvironment {
  /** A type alias (`type Port = ...`, `<module>/types/*.pp`), or undefined when there is none. */
  resolveAlias?(name: string): BaseType | undefined;
  /** Whether `name` (`File`, `Foo::Bar`) is a resource type, built-in or defined (may autoload). */
  isResourceType?(name: string): boolean;
}

const simpleTypes: Record<string, BaseType> = {
  Any: AnyType.DEFAULT,
  Unit: UnitType.DEFAULT,
  Undef: UndefType.DEFAULT,
  Default: DefaultType.DEFAULT,
  Scalar: ScalarType.DEFAULT,
  ScalarData: ScalarDataType.DEFAULT,
  Data: DataType.DEFAULT,
  RichData: RichDataType.DEFAULT,
  Numeric: NumericType.DEFAULT,
  Boolean: BooleanType.DEFAULT,
  Callable: CallableType.DEFAULT,
  CatalogEntry: CatalogEntryType.DEFAULT,
};

const parameterized = new Set([
  'String', 'Integer', 'Float', 'Array', 'Hash', 'Optional', 'NotUndef', 'Variant', 'Enum', 'Pattern', 'Regexp',
  'Tuple', 'Struct', 'Type', 'Collection', 'Iterable', 'Sensitive', 'Resource', 'Class', 'Boolean',
]);

const opaqueNames = new Set([
  'Timespan', 'Timestamp', 'SemVer', 'SemVerRange', 'Binary', 'Deferred', 'URI', 'Iterator', 'Runtime', 'Object',
  'Init', 'Error', 'TypeSet', 'TypeReference',
]);

/** Whether `name` is one of Puppet's built-in data type names (not a resource type or alias). */
export function isCoreTypeName(name: string): boolean {
  return name in simpleTypes || parameterized.has(name) || opaqueNames.has(name);
}

function paramText(value: Value): string {
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

function fail(message: string, loc?: SourceLocation): never {
  throw new PapplyError(message, loc);
}

function typeParam(value: Value, owner: string, loc?: SourceLocation): BaseType {
  if (value instanceof BaseType) return value;
  if (value === DEFAULT) return AnyType.DEFAULT;
  fail(`${owner}-Type[] arguments must be types. Got ${describeValueKind(value)}`, loc);
}

function describeValueKind(value: Value): string {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (typeof value === 'boolean') return 'Boolean';
  if (value === undefined) return 'Undef';
  if (isArray(value)) return 'Array';
  if (isHash(value)) return 'Hash';
  return String(value);
}

/** An integer bound; `default` (and absent) means unbounded. */
function bound(value: Value, unbounded: number, owner: string, loc?: SourceLocation): number {
  if (value === undefined || value === DEFAULT) return unbounded;
  const n = numberOf(value);
  if (n === undefined) fail(`${owner}-Type[] arguments must be Integer or Default. Got ${describeValueKind(value)}`, loc);
  return n;
}

function sizeRange(params: Value[], owner: string, loc?: SourceLocation): SizeRange {
  if (params.length === 0) return SizeRange.UNBOUNDED;
  // `Array[String, Integer[1, 3]]` style: a size given as an Integer type.
  if (params.length === 1 && params[0] instanceof IntegerType) return new SizeRange(Math.max(0, params[0].from), params[0].to);
  return new SizeRange(bound(params[0], 0, owner, loc), bound(params[1], Infinity, owner, loc));
}

function arity(name: string, params: Value[], min: number, max: number, loc?: SourceLocation): void {
  if (params.length < min || params.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    fail(`${name}[] accepts ${expected} arguments. Got ${params.length}`, loc);
  }
}

function structElements(value: Value, loc?: SourceLocation): StructElement[] {
  if (!isHash(value)) fail(`Struct[] argument must be a Hash. Got ${describeValueKind(value)}`, loc);
  const elements: StructElement[] = [];
  for (const [key, valueType] of value) {
    const type = typeParam(valueType, 'Struct', loc);
    let name: string;
    let optionalKey = false;
    if (typeof key === 'string') name = key;
    else if (key instanceof OptionalType && key.type instanceof StringType && key.type.value !== undefined) {
      name = key.type.value;
      optionalKey = true;
    } else if (key instanceof NotUndefType && key.type instanceof StringType && key.type.value !== undefined) {
      name = key.type.value;
    } else if (key instanceof EnumType && key.values.length === 1) name = key.values[0];
    else fail(`Struct[] keys must be Strings, Optional[String] or NotUndef[String]. Got ${describeValueKind(key)}`, loc);
    elements.push({ name, optionalKey, optional: optionalKey || type.isInstance(undefined), type });
  }
  return elements;
}

/** `Optional['b']` inside Struct keys: a one-string literal type. */
function literalStringOrType(value: Value, owner: string, loc?: SourceLocation): BaseType {
  if (typeof value === 'string') return new StringType(new SizeRange(value.length, value.length), value);
  return typeParam(value, owner, loc);
}

/** A core type applied to its parameters (`String[1]`, `Hash[String, Integer, 1]`, ...). */
function coreType(name: string, params: Value[], loc?: SourceLocation): PType | PType[] {
  if (params.length === 0 && name in simpleTypes) return simpleTypes[name];
  if (opaqueNames.has(name)) return new OpaqueType(name, params.map(paramText));
  // Signatures are not checked against lambdas (papply has no lambda values): any Callable is Callable.
  if (name === 'Callable') return CallableType.DEFAULT;
  switch (name) {
    case 'String':
      arity(name, params, 0, 2, loc);
      return params.length ? new StringType(sizeRange(params, name, loc)) : StringType.DEFAULT;
    case 'Integer':
      arity(name, params, 0, 2, loc);
      return new IntegerType(bound(params[0], -Infinity, name, loc), bound(params[1], Infinity, name, loc));
    case 'Float':
      arity(name, params, 0, 2, loc);
      return new FloatType(bound(params[0], -Infinity, name, loc), bound(params[1], Infinity, name, loc));
    case 'Boolean':
      arity(name, params, 0, 1, loc);
      return params.length && typeof params[0] === 'boolean' ? new BooleanType(params[0]) : BooleanType.DEFAULT;
    case 'Array': {
      arity(name, params, 0, 3, loc);
      if (params.length === 0) return ArrayType.DEFAULT;
      if (params[0] instanceof BaseType) return new ArrayType(params[0], sizeRange(params.slice(1), name, loc));
      return new ArrayType(AnyType.DEFAULT, sizeRange(params, name, loc));
    }
    case 'Hash': {
      arity(name, params, 0, 4, loc);
      if (params.length === 0) return HashType.DEFAULT;
      if (params[0] instanceof BaseType) {
        if (params.length < 2) fail('Hash[] accepts 2 to 4 arguments. Got 1', loc);
        return new HashType(params[0], typeParam(params[1], name, loc), sizeRange(params.slice(2), name, loc));
      }
      return new HashType(AnyType.DEFAULT, AnyType.DEFAULT, sizeRange(params, name, loc));
    }
    case 'Collection':
      arity(name, params, 0, 2, loc);
      return new CollectionType(sizeRange(params, name, loc));
    case 'Optional':
      arity(name, params, 0, 1, loc);
      return params.length ? new OptionalType(literalStringOrType(params[0], name, loc)) : OptionalType.DEFAULT;
    case 'NotUndef':
      arity(name, params, 0, 1, loc);
      return params.length ? new NotUndefType(literalStringOrType(params[0], name, loc)) : NotUndefType.DEFAULT;
    case 'Variant':
      return new VariantType(params.map((p) => typeParam(p, name, loc)));
    case 'Enum': {
      const flat = params.flat(1) as Value[];
      const caseInsensitive = flat.length > 0 && flat[flat.length - 1] === true;
      const values = (caseInsensitive ? flat.slice(0, -1) : flat).map((v) => {
        if (typeof v !== 'string') fail(`Enum-Type[] arguments must be Strings. Got ${describeValueKind(v)}`, loc);
        return v;
      });
      return new EnumType(values, caseInsensitive);
    }
    case 'Pattern':
      return new PatternType(
        params.map((p) => {
          if (typeof p === 'string') return new PRegexp(p);
          if (p instanceof PRegexp) return p;
          if (p instanceof RegexpType && p.pattern) return p.pattern;
          return fail(`Pattern-Type[] arguments must be Strings, Regexps or Regexp types. Got ${describeValueKind(p)}`, loc);
        }),
      );
    case 'Regexp': {
      arity(name, params, 0, 1, loc);
      if (!params.length) return RegexpType.DEFAULT;
      const p = params[0];
      return new RegexpType(p instanceof PRegexp ? p : new PRegexp(String(p)));
    }
    case 'Tuple': {
      if (params.length === 0) return TupleType.DEFAULT;
      const types: BaseType[] = [];
      let i = 0;
      while (i < params.length && params[i] instanceof BaseType) types.push(params[i++] as BaseType);
      const rest = params.slice(i);
      if (rest.length === 0) return new TupleType(types);
      return new TupleType(types, new SizeRange(bound(rest[0], 0, name, loc), bound(rest[1], Infinity, name, loc)));
    }
    case 'Struct':
      arity(name, params, 0, 1, loc);
      return params.length ? new StructType(structElements(params[0], loc)) : StructType.DEFAULT;
    case 'Type':
      arity(name, params, 0, 1, loc);
      return params.length ? new TypeType(typeParam(params[0], name, loc)) : TypeType.DEFAULT;
    case 'Iterable':
      arity(name, params, 0, 1, loc);
      return params.length ? new IterableType(typeParam(params[0], name, loc)) : IterableType.DEFAULT;
    case 'Sensitive':
      arity(name, params, 0, 1, loc);
      return params.length ? new SensitiveType(typeParam(params[0], name, loc)) : SensitiveType.DEFAULT;
    case 'Resource':
      return resourceType(undefined, params, loc);
    case 'Class':
      return classType(params, loc);
  }
  return fail(`${name} does not take parameters`, loc);
}

function titleOf(value: Value, loc?: SourceLocation): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return fail(`A resource title must be a String. Got ${describeValueKind(value)}`, loc);
}

/**
 * `Resource[file]`, `Resource[file, 'a']`, `File['a']`, `File['a', 'b']` (several references:
 * an array), `File[['a', 'b']]`.
 */
function resourceType(typeName: string | undefined, params: Value[], loc?: SourceLocation): PType | PType[] {
  let rest = params;
  let name = typeName;
  if (name === undefined) {
    if (rest.length === 0) return ResourceType.DEFAULT;
    const first = rest[0];
    if (typeof first === 'string') name = first;
    else if (first instanceof ResourceType && first.typeName && first.title === undefined) name = first.typeName;
    else fail(`First argument to Resource[] must be a resource type or a String. Got ${describeValueKind(first)}`, loc);
    rest = rest.slice(1);
  }
  if (rest.length === 0) return new ResourceType(name);
  const titles = rest.flat(1) as Value[];
  const refs = titles.map((t) => new ResourceType(name, titleOf(t, loc)));
  return rest.length === 1 && !isArray(rest[0]) ? refs[0] : refs;
}

function classType(params: Value[], loc?: SourceLocation): PType | PType[] {
  if (params.length === 0) return ClassType.DEFAULT;
  const names = params.flat(1) as Value[];
  const refs = names.map((n) => {
    if (typeof n !== 'string') {
      if (n instanceof ClassType && n.className) return n;
      const what = n instanceof PType ? `A ${n}-Type` : `A ${describeValueKind(n)}`;
      return fail(`Illegal Class name in class reference. ${what} cannot be used where a String is expected`, loc);
    }
    return new ClassType(n);
  });
  return params.length === 1 && !isArray(params[0]) ? refs[0] : refs;
}

/**
 * The value of a type reference, with its parameters when written as an access (`String[1]`,
 * `File['/x']`). Several titles give an array of references. Unknown names fail like Puppet
 * ("Resource type not found: Foo") unless the environment knows them as an alias or resource type;
 * without an environment every other capitalised name is taken for a resource type.
 */
export function resolveType(name: string, params: Value[], loc?: SourceLocation, env?: TypeEnvironment): PType | PType[] {
  const bare = name.replace(/^::/, '');
  if (isCoreTypeName(bare)) return coreType(bare, params, loc);
  const alias = env?.resolveAlias?.(bare);
  if (alias) {
    if (params.length) fail(`${bare} does not take parameters`, loc);
    return alias;
  }
  if (env?.isResourceType && !env.isResourceType(bare)) fail(`Resource type not found: ${bare}`, loc);
  return resourceType(bare, params, loc);
}

/** `$t[...]` on a type value: `Resource['file']['x']`, `$t = Integer; $t[1, 2]`. */
export function parameterizeType(type: PType, params: Value[], loc?: SourceLocation): PType | PType[] {
  if (type instanceof ResourceType) {
    if (type.title !== undefined) fail(`Cannot use [] on a resource reference ${type.ref}`, loc);
    return resourceType(type.typeName, params, loc);
  }
  if (type instanceof ClassType) {
    if (type.className !== undefined) fail(`Cannot use [] on a class reference ${type}`, loc);
    return classType(params, loc);
  }
  const simple = (type as BaseType).simpleName;
  if (simple && isCoreTypeName(simple)) return coreType(simple, params, loc);
  return fail(`${type} does not take parameters`, loc);
}
