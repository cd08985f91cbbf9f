// Puppet's inferred type of a value (TypeCalculator#infer_set, what `type($x)` and the mismatch
// messages show) and its generalisation (`type($x, 'generalized')`).

import { DEFAULT, PFloat, PRegexp, PSensitive, PType, isArray, isHash, type Value } from '../values.js';
import {
  AnyType,
  ArrayType,
  BaseType,
  BooleanType,
  DataType,
  DefaultType,
  EnumType,
  FloatType,
  HashType,
  IntegerType,
  NumericType,
  PatternType,
  RegexpType,
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
  isAssignable,
} from './types.js';

function distinct(types: BaseType[]): BaseType[] {
  const seen = new Map<string, BaseType>();
  for (const t of types) if (!seen.has(t.toString())) seen.set(t.toString(), t);
  return [...seen.values()];
}

function variantOf(types: BaseType[]): BaseType {
  const unique = distinct(types);
  return unique.length === 1 ? unique[0] : new VariantType(unique);
}

/** The detailed inferred type: `Integer[5, 5]`, `Tuple[Integer[1, 1], String]`, `Struct[{'a' => ...}]`. */
export function typeOf(value: Value): BaseType {
  if (value === undefined) return UndefType.DEFAULT;
  if (typeof value === 'string') return new StringType(new SizeRange([...value].length, [...value].length), value);
  if (typeof value === 'number') return Number.isInteger(value) ? new IntegerType(value, value) : new FloatType(value, value);
  if (value instanceof PFloat) return new FloatType(value.value, value.value);
  if (typeof value === 'boolean') return new BooleanType(value);
  if (value instanceof PRegexp) return new RegexpType(value);
  if (value === DEFAULT) return DefaultType.DEFAULT;
  if (value instanceof PSensitive) return new SensitiveType(generalize(typeOf(value.value)));
  if (value instanceof PType) return new TypeType(value as BaseType);
  if (isArray(value)) return value.length === 0 ? ArrayType.EMPTY : new TupleType(value.map(typeOf));
  if (isHash(value)) {
    if (value.size === 0) return HashType.EMPTY;
    if ([...value.keys()].every((k) => typeof k === 'string')) {
      return new StructType([...value].map(([k, v]) => ({ name: k as string, optional: false, optionalKey: false, type: typeOf(v) })));
    }
    return new HashType(variantOf([...value.keys()].map(typeOf)), variantOf([...value.values()].map(typeOf)), new SizeRange(value.size, value.size));
  }
  return AnyType.DEFAULT;
}

/** The least specific common supertype of two generalised types (Puppet's common_type, simplified). */
export function commonType(a: BaseType, b: BaseType): BaseType {
  if (isAssignable(a, b)) return a;
  if (isAssignable(b, a)) return b;
  for (const candidate of [NumericType.DEFAULT, StringType.DEFAULT, ScalarDataType.DEFAULT, ScalarType.DEFAULT, DataType.DEFAULT, RichDataType.DEFAULT]) {
    if (isAssignable(candidate, a) && isAssignable(candidate, b)) return candidate;
  }
  return AnyType.DEFAULT;
}

/** Drops value-specific parameters: `Integer[5, 5]` -> `Integer`, a Tuple -> `Array[common]`. */
export function generalize(type: BaseType): BaseType {
  if (type instanceof IntegerType) return IntegerType.DEFAULT;
  if (type instanceof FloatType) return FloatType.DEFAULT;
  if (type instanceof StringType || type instanceof EnumType || type instanceof PatternType) return StringType.DEFAULT;
  if (type instanceof BooleanType) return BooleanType.DEFAULT;
  if (type instanceof TupleType) {
    if (type.types.length === 0) return ArrayType.DEFAULT;
    return new ArrayType(type.types.map(generalize).reduce(commonType), SizeRange.UNBOUNDED);
  }
  if (type instanceof ArrayType) {
    return new ArrayType(type.size.max === 0 ? UnitType.DEFAULT : generalize(type.element), SizeRange.UNBOUNDED);
  }
  if (type instanceof StructType) {
    if (type.elements.length === 0) return HashType.DEFAULT;
    // The keys' common type, as Puppet computes it: one key stays that string's own type (shown as
    // `String`), several become their length range: {'alpha' => 1, 'beta' => 2} -> Hash[String[4, 5], Integer].
    const lengths = type.elements.map((e) => [...e.name].length);
    const keyType =
      type.elements.length === 1
        ? new StringType(new SizeRange(lengths[0], lengths[0]), type.elements[0].name)
        : new StringType(new SizeRange(Math.min(...lengths), Math.max(...lengths)));
    return new HashType(keyType, type.elements.map((e) => generalize(e.type)).reduce(commonType), SizeRange.UNBOUNDED);
  }
  if (type instanceof HashType) {
    if (type.size.max === 0) return type;
    return new HashType(generalize(type.key), generalize(type.value), SizeRange.UNBOUNDED);
  }
  if (type instanceof VariantType) return type.types.map(generalize).reduce(commonType);
  if (type instanceof TypeType) return new TypeType(generalize(type.type));
  return type;
}
