// The Puppet 7 data types as runtime values. Each class knows its own rendering (Puppet's
// TypeFormatter wording: `Integer[1, 65535]`, `Enum['a', 'b']`, `File['/x']`), which values are its
// instances, and which types it is assignable from.

import { DEFAULT, PFloat, PRegexp, PSensitive, PType, isArray, isHash, type Value } from '../values.js';
import { rubyFloat } from '../value-format.js';

// ---------------------------------------------------------------- helpers

/** A Puppet number as a JS number (Float values may be boxed as PFloat). */
export function numberOf(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  return undefined;
}

export function isInteger(value: Value): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function isFloat(value: Value): boolean {
  return value instanceof PFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** Resource type names are capitalised per segment: `foo::bar` -> `Foo::Bar`. */
export function capitalizeTypeName(name: string): string {
  return name
    .replace(/^::/, '')
    .split('::')
    .map((segment) => (segment ? segment[0].toUpperCase() + segment.slice(1) : segment))
    .join('::');
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function formatBound(n: number, float: boolean): string {
  return float ? rubyFloat(n) : String(n);
}

/** `[from, to]` parts as Puppet prints ranges: unbounded sides become `default` or disappear. */
function rangeParts(from: number, to: number, lowest: number, float = false): string[] {
  if (from <= lowest && to === Infinity) return [];
  if (to === Infinity) return [formatBound(from, float)];
  return [from <= lowest && lowest === -Infinity ? 'default' : formatBound(from, float), formatBound(to, float)];
}

function withParams(name: string, params: string[]): string {
  return params.length ? `${name}[${params.join(', ')}]` : name;
}

/** Size constraint of strings and collections (Integer[0, default] when absent). */
export class SizeRange {
  static readonly UNBOUNDED = new SizeRange(0, Infinity);
  constructor(
    readonly min: number,
    readonly max: number,
  ) {}
  contains(n: number): boolean {
    return n >= this.min && n <= this.max;
  }
  covers(other: SizeRange): boolean {
    return other.min >= this.min && other.max <= this.max;
  }
  get isUnbounded(): boolean {
    return this.min <= 0 && this.max === Infinity;
  }
  parts(): string[] {
    return rangeParts(this.min, this.max, 0);
  }
}

/** A type whose name is what Puppet calls `simple_name` (the class of type, without parameters). */
export abstract class BaseType extends PType {
  abstract readonly simpleName: string;
  /** True when every instance of `other` is an instance of this type. */
  abstract assignableFrom(other: PType): boolean;
  /** Puppet's `name`: the alias name for aliases, else the simple name. */
  get name(): string {
    return this.simpleName;
  }
  /** The same kind of type without parameters (Puppet's `DEFAULT` instance of the class). */
  abstract defaultOfKind(): BaseType;
  override toString(): string {
    return this.simpleName;
  }
}

/** Unwraps aliases and checks variants on the other side before the per-kind rule. */
export function isAssignable(target: PType, other: PType): boolean {
  if (!(target instanceof BaseType)) return target === other;
  if (other instanceof TypeAliasType) return isAssignable(target, other.resolved);
  if (target instanceof TypeAliasType) return isAssignable(target.resolved, other);
  if (other instanceof VariantType && !(target instanceof VariantType)) {
    return other.types.every((t) => isAssignable(target, t));
  }
  return target.assignableFrom(other);
}

// ---------------------------------------------------------------- simple kinds

export class AnyType extends BaseType {
  static readonly DEFAULT = new AnyType();
  readonly simpleName = 'Any';
  isInstance(): boolean {
    return true;
  }
  assignableFrom(): boolean {
    return true;
  }
  defaultOfKind(): BaseType {
    return AnyType.DEFAULT;
  }
}

/** `Unit`: what an empty array's elements generalize to; every value is an instance. */
export class UnitType extends BaseType {
  static readonly DEFAULT = new UnitType();
  readonly simpleName = 'Unit';
  isInstance(): boolean {
    return true;
  }
  assignableFrom(): boolean {
    return true;
  }
  defaultOfKind(): BaseType {
    return UnitType.DEFAULT;
  }
}

export class UndefType extends BaseType {
  static readonly DEFAULT = new UndefType();
  readonly simpleName = 'Undef';
  isInstance(value: Value): boolean {
    return value === undefined;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof UndefType;
  }
  defaultOfKind(): BaseType {
    return UndefType.DEFAULT;
  }
}

export class DefaultType extends BaseType {
  static readonly DEFAULT = new DefaultType();
  readonly simpleName = 'Default';
  isInstance(value: Value): boolean {
    return value === DEFAULT;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof DefaultType;
  }
  defaultOfKind(): BaseType {
    return DefaultType.DEFAULT;
  }
}

export class NotUndefType extends BaseType {
  static readonly DEFAULT = new NotUndefType(AnyType.DEFAULT);
  readonly simpleName = 'NotUndef';
  constructor(readonly type: BaseType) {
    super();
  }
  isInstance(value: Value): boolean {
    return value !== undefined && this.type.isInstance(value);
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof NotUndefType) return isAssignable(this.type, other.type);
    if (other instanceof OptionalType || other instanceof UndefType || other instanceof AnyType) return false;
    if (isAssignable(other, UndefType.DEFAULT)) return false;
    return isAssignable(this.type, other);
  }
  defaultOfKind(): BaseType {
    return NotUndefType.DEFAULT;
  }
  override toString(): string {
    return this.type instanceof AnyType ? 'NotUndef' : `NotUndef[${this.type}]`;
  }
}

export class BooleanType extends BaseType {
  static readonly DEFAULT = new BooleanType();
  readonly simpleName = 'Boolean';
  constructor(readonly value?: boolean) {
    super();
  }
  isInstance(value: Value): boolean {
    return typeof value === 'boolean' && (this.value === undefined || value === this.value);
  }
  assignableFrom(other: PType): boolean {
    return other instanceof BooleanType && (this.value === undefined || other.value === this.value);
  }
  defaultOfKind(): BaseType {
    return BooleanType.DEFAULT;
  }
  override toString(): string {
    return this.value === undefined ? 'Boolean' : `Boolean[${this.value}]`;
  }
}

export class IntegerType extends BaseType {
  static readonly DEFAULT = new IntegerType(-Infinity, Infinity);
  readonly simpleName = 'Integer';
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
  isInstance(value: Value): boolean {
    return isInteger(value) && value >= this.from && value <= this.to;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof IntegerType && other.from >= this.from && other.to <= this.to;
  }
  defaultOfKind(): BaseType {
    return IntegerType.DEFAULT;
  }
  override toString(): string {
    return withParams('Integer', rangeParts(this.from, this.to, -Infinity));
  }
}

export class FloatType extends BaseType {
  static readonly DEFAULT = new FloatType(-Infinity, Infinity);
  readonly simpleName = 'Float';
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
  isInstance(value: Value): boolean {
    const n = numberOf(value);
    return n !== undefined && isFloat(value) && n >= this.from && n <= this.to;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof FloatType && other.from >= this.from && other.to <= this.to;
  }
  defaultOfKind(): BaseType {
    return FloatType.DEFAULT;
  }
  override toString(): string {
    return withParams('Float', rangeParts(this.from, this.to, -Infinity, true));
  }
}

export class NumericType extends BaseType {
  static readonly DEFAULT = new NumericType();
  readonly simpleName = 'Numeric';
  isInstance(value: Value): boolean {
    return numberOf(value) !== undefined;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof NumericType || other instanceof IntegerType || other instanceof FloatType;
  }
  defaultOfKind(): BaseType {
    return NumericType.DEFAULT;
  }
}

export class StringType extends BaseType {
  static readonly DEFAULT = new StringType(SizeRange.UNBOUNDED);
  readonly simpleName = 'String';
  /** `value` is set for the inferred type of one string (printed as plain `String`, like Puppet). */
  constructor(
    readonly size: SizeRange,
    readonly value?: string,
  ) {
    super();
  }
  isInstance(value: Value): boolean {
    if (typeof value !== 'string') return false;
    if (this.value !== undefined) return value === this.value;
    return this.size.contains([...value].length);
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof StringType) {
      if (this.value !== undefined) return other.value === this.value;
      if (other.value !== undefined) return this.size.contains([...other.value].length);
      return this.size.covers(other.size);
    }
    if (other instanceof EnumType) {
      return other.values.length > 0 && this.value === undefined && other.values.every((v) => this.size.contains([...v].length));
    }
    if (other instanceof PatternType) return this.value === undefined && this.size.isUnbounded;
    return false;
  }
  defaultOfKind(): BaseType {
    return StringType.DEFAULT;
  }
  override toString(): string {
    return withParams('String', this.value !== undefined ? [] : this.size.parts());
  }
}

export class EnumType extends BaseType {
  static readonly DEFAULT = new EnumType([], false);
  readonly simpleName = 'Enum';
  readonly values: string[];
  constructor(
    values: string[],
    readonly caseInsensitive: boolean,
  ) {
    super();
    // Puppet keeps an Enum's values unique and sorted (byte order): `Enum['b', 'a']` is `Enum['a', 'b']`.
    this.values = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  private matches(text: string): boolean {
    if (this.values.length === 0) return true;
    return this.caseInsensitive
      ? this.values.some((v) => v.toLowerCase() === text.toLowerCase())
      : this.values.includes(text);
  }
  isInstance(value: Value): boolean {
    return typeof value === 'string' && this.matches(value);
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof StringType) return other.value !== undefined ? this.matches(other.value) : this.values.length === 0;
    if (other instanceof EnumType) return this.values.length === 0 || (other.values.length > 0 && other.values.every((v) => this.matches(v)));
    if (other instanceof PatternType) return this.values.length === 0;
    return false;
  }
  defaultOfKind(): BaseType {
    return EnumType.DEFAULT;
  }
  override toString(): string {
    const params = this.values.map(quote);
    if (this.caseInsensitive) params.push('true');
    return withParams('Enum', params);
  }
}

export class PatternType extends BaseType {
  static readonly DEFAULT = new PatternType([]);
  readonly simpleName = 'Pattern';
  constructor(readonly patterns: PRegexp[]) {
    super();
  }
  private matches(text: string): boolean {
    return this.patterns.length === 0 || this.patterns.some((p) => p.regexp.test(text));
  }
  isInstance(value: Value): boolean {
    return typeof value === 'string' && this.matches(value);
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof StringType) return other.value !== undefined ? this.matches(other.value) : this.patterns.length === 0;
    if (other instanceof EnumType) return this.patterns.length === 0 || (other.values.length > 0 && other.values.every((v) => this.matches(v)));
    if (other instanceof PatternType) {
      return this.patterns.length === 0 || other.patterns.every((p) => this.patterns.some((q) => q.source === p.source));
    }
    return false;
  }
  defaultOfKind(): BaseType {
    return PatternType.DEFAULT;
  }
  override toString(): string {
    return withParams('Pattern', this.patterns.map((p) => p.toString()));
  }
}

export class RegexpType extends BaseType {
  static readonly DEFAULT = new RegexpType();
  readonly simpleName = 'Regexp';
  constructor(readonly pattern?: PRegexp) {
    super();
  }
  isInstance(value: Value): boolean {
    return value instanceof PRegexp && (this.pattern === undefined || value.source === this.pattern.source);
  }
  assignableFrom(other: PType): boolean {
    return other instanceof RegexpType && (this.pattern === undefined || other.pattern?.source === this.pattern.source);
  }
  defaultOfKind(): BaseType {
    return RegexpType.DEFAULT;
  }
  override toString(): string {
    return this.pattern ? `Regexp[${this.pattern}]` : 'Regexp';
  }
}

const isStringKind = (t: PType) => t instanceof StringType || t instanceof EnumType || t instanceof PatternType;
const isNumericKind = (t: PType) => t instanceof IntegerType || t instanceof FloatType || t instanceof NumericType;

export class ScalarDataType extends BaseType {
  static readonly DEFAULT = new ScalarDataType();
  readonly simpleName = 'ScalarData';
  isInstance(value: Value): boolean {
    return typeof value === 'string' || typeof value === 'boolean' || numberOf(value) !== undefined;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof ScalarDataType || isStringKind(other) || isNumericKind(other) || other instanceof BooleanType;
  }
  defaultOfKind(): BaseType {
    return ScalarDataType.DEFAULT;
  }
}

export class ScalarType extends BaseType {
  static readonly DEFAULT = new ScalarType();
  readonly simpleName = 'Scalar';
  isInstance(value: Value): boolean {
    return ScalarDataType.DEFAULT.isInstance(value) || value instanceof PRegexp;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof ScalarType || ScalarDataType.DEFAULT.assignableFrom(other) || other instanceof RegexpType;
  }
  defaultOfKind(): BaseType {
    return ScalarType.DEFAULT;
  }
}

export class DataType extends BaseType {
  static readonly DEFAULT = new DataType();
  readonly simpleName = 'Data';
  isInstance(value: Value): boolean {
    if (value === undefined || ScalarDataType.DEFAULT.isInstance(value)) return true;
    if (isArray(value)) return value.every((v) => this.isInstance(v));
    if (isHash(value)) return [...value].every(([k, v]) => typeof k === 'string' && this.isInstance(v));
    return false;
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof DataType || other instanceof UndefType || ScalarDataType.DEFAULT.assignableFrom(other)) return true;
    if (other instanceof ArrayType) return isAssignable(this, other.element);
    if (other instanceof TupleType) return other.types.every((t) => isAssignable(this, t));
    if (other instanceof HashType) return isAssignable(StringType.DEFAULT, other.key) && isAssignable(this, other.value);
    if (other instanceof StructType) return other.elements.every((e) => isAssignable(this, e.type));
    if (other instanceof OptionalType) return isAssignable(this, other.type);
    return false;
  }
  defaultOfKind(): BaseType {
    return DataType.DEFAULT;
  }
}

/** Anything a catalog can hold, including types, regexps, default and Sensitive. */
export class RichDataType extends BaseType {
  static readonly DEFAULT = new RichDataType();
  readonly simpleName = 'RichData';
  isInstance(): boolean {
    return true;
  }
  assignableFrom(other: PType): boolean {
    return !(other instanceof CallableType);
  }
  defaultOfKind(): BaseType {
    return RichDataType.DEFAULT;
  }
}

// ---------------------------------------------------------------- collections

export class CollectionType extends BaseType {
  static readonly DEFAULT = new CollectionType(SizeRange.UNBOUNDED);
  readonly simpleName = 'Collection';
  constructor(readonly size: SizeRange) {
    super();
  }
  isInstance(value: Value): boolean {
    if (isArray(value)) return this.size.contains(value.length);
    if (isHash(value)) return this.size.contains(value.size);
    return false;
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof CollectionType || other instanceof ArrayType || other instanceof HashType) return this.size.covers(other.size);
    if (other instanceof TupleType) return this.size.covers(other.size);
    if (other instanceof StructType) return this.size.covers(other.sizeRange());
    return false;
  }
  defaultOfKind(): BaseType {
    return CollectionType.DEFAULT;
  }
  override toString(): string {
    return withParams('Collection', this.size.parts());
  }
}

export class ArrayType extends BaseType {
  static readonly DEFAULT = new ArrayType(AnyType.DEFAULT, SizeRange.UNBOUNDED);
  /** The inferred type of `[]`, printed `Array[0, 0]`. */
  static readonly EMPTY = new ArrayType(AnyType.DEFAULT, new SizeRange(0, 0), true);
  readonly simpleName = 'Array';
  constructor(
    readonly element: BaseType,
    readonly size: SizeRange,
    private readonly empty = false,
  ) {
    super();
  }
  isInstance(value: Value): boolean {
    return isArray(value) && this.size.contains(value.length) && value.every((v) => this.element.isInstance(v));
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof ArrayType) return this.size.covers(other.size) && (other.empty || isAssignable(this.element, other.element));
    if (other instanceof TupleType) return this.size.covers(other.size) && other.types.every((t) => isAssignable(this.element, t));
    return false;
  }
  defaultOfKind(): BaseType {
    return ArrayType.DEFAULT;
  }
  override toString(): string {
    if (this.empty) return 'Array[0, 0]';
    const size = this.size.parts();
    if (this.element instanceof AnyType && size.length === 0) return 'Array';
    return withParams('Array', [String(this.element), ...size]);
  }
}

export class HashType extends BaseType {
  static readonly DEFAULT = new HashType(AnyType.DEFAULT, AnyType.DEFAULT, SizeRange.UNBOUNDED);
  /** The inferred type of `{}`, printed `Hash[0, 0]`. */
  static readonly EMPTY = new HashType(AnyType.DEFAULT, AnyType.DEFAULT, new SizeRange(0, 0), true);
  readonly simpleName = 'Hash';
  constructor(
    readonly key: BaseType,
    readonly value: BaseType,
    readonly size: SizeRange,
    private readonly empty = false,
  ) {
    super();
  }
  isInstance(value: Value): boolean {
    return isHash(value) && this.size.contains(value.size) && [...value].every(([k, v]) => this.key.isInstance(k) && this.value.isInstance(v));
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof HashType) {
      return this.size.covers(other.size) && (other.empty || (isAssignable(this.key, other.key) && isAssignable(this.value, other.value)));
    }
    if (other instanceof StructType) {
      return (
        this.size.covers(other.sizeRange()) &&
        other.elements.every((e) => this.key.isInstance(e.name) && isAssignable(this.value, e.type))
      );
    }
    return false;
  }
  defaultOfKind(): BaseType {
    return HashType.DEFAULT;
  }
  override toString(): string {
    if (this.empty) return 'Hash[0, 0]';
    const size = this.size.parts();
    if (this.key instanceof AnyType && this.value instanceof AnyType && size.length === 0) return 'Hash';
    return withParams('Hash', [String(this.key), String(this.value), ...size]);
  }
}

export class TupleType extends BaseType {
  static readonly DEFAULT = new TupleType([], SizeRange.UNBOUNDED);
  readonly simpleName = 'Tuple';
  readonly size: SizeRange;
  /** `explicitSize` is the optional trailing `min, max` of `Tuple[String, Integer, 1, 3]`. */
  constructor(
    readonly types: BaseType[],
    readonly explicitSize?: SizeRange,
  ) {
    super();
    this.size = explicitSize ?? new SizeRange(types.length, types.length);
  }
  private typeAt(index: number): BaseType {
    return this.types[Math.min(index, this.types.length - 1)];
  }
  isInstance(value: Value): boolean {
    if (!isArray(value) || !this.size.contains(value.length)) return false;
    return this.types.length === 0 || value.every((v, i) => this.typeAt(i).isInstance(v));
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof TupleType) {
      if (!this.size.covers(other.size)) return false;
      if (this.types.length === 0) return true;
      return other.types.every((t, i) => isAssignable(this.typeAt(i), t));
    }
    if (other instanceof ArrayType) {
      return this.size.covers(other.size) && (this.types.length === 0 || this.types.every((t) => isAssignable(t, other.element)));
    }
    return false;
  }
  defaultOfKind(): BaseType {
    return TupleType.DEFAULT;
  }
  override toString(): string {
    if (this === TupleType.DEFAULT) return 'Tuple';
    const params = this.types.map(String);
    if (this.explicitSize) params.push(...rangeParts(this.explicitSize.min, this.explicitSize.max, -1));
    return withParams('Tuple', params);
  }
}

export interface StructElement {
  name: string;
  /** The key may be absent (`Optional['b'] => T`, or a value type accepting undef). */
  optional: boolean;
  /** The key was written `Optional['b']` (for rendering). */
  optionalKey: boolean;
  type: BaseType;
}

export class StructType extends BaseType {
  static readonly DEFAULT = new StructType([]);
  readonly simpleName = 'Struct';
  constructor(readonly elements: StructElement[]) {
    super();
  }
  sizeRange(): SizeRange {
    return new SizeRange(this.elements.filter((e) => !e.optional).length, this.elements.length);
  }
  element(name: string): StructElement | undefined {
    return this.elements.find((e) => e.name === name);
  }
  isInstance(value: Value): boolean {
    if (!isHash(value)) return false;
    for (const key of value.keys()) if (typeof key !== 'string' || !this.element(key)) return false;
    return this.elements.every((e) => (value.has(e.name) ? e.type.isInstance(value.get(e.name)) : e.optional));
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof StructType) {
      for (const e of other.elements) if (!this.element(e.name)) return false;
      return this.elements.every((e) => {
        const o = other.element(e.name);
        if (!o) return e.optional;
        return (e.optional || !o.optional) && isAssignable(e.type, o.type);
      });
    }
    if (other instanceof HashType) return this.elements.length === 0 && other.size.max === 0;
    return false;
  }
  defaultOfKind(): BaseType {
    return StructType.DEFAULT;
  }
  override toString(): string {
    if (this.elements.length === 0) return 'Struct';
    const entries = this.elements.map((e) => `${e.optionalKey ? `Optional[${quote(e.name)}]` : quote(e.name)} => ${e.type}`);
    return `Struct[{${entries.join(', ')}}]`;
  }
}

export class IterableType extends BaseType {
  static readonly DEFAULT = new IterableType(AnyType.DEFAULT);
  readonly simpleName = 'Iterable';
  constructor(readonly type: BaseType) {
    super();
  }
  isInstance(value: Value): boolean {
    if (isArray(value)) return value.every((v) => this.type.isInstance(v));
    if (isHash(value)) return this.type instanceof AnyType || [...value].every(([k, v]) => this.type.isInstance([k, v]));
    if (typeof value === 'string') return this.type.isInstance('x') || value === '';
    if (isInteger(value)) return value >= 0 && this.type.isInstance(0);
    // An integer range type (`Integer[1, 3]`) iterates over its members.
    if (value instanceof IntegerType) return Number.isFinite(value.from) && Number.isFinite(value.to) && this.type.isInstance(value.from);
    return false;
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof IterableType) return isAssignable(this.type, other.type);
    if (other instanceof ArrayType) return isAssignable(this.type, other.element);
    if (other instanceof TupleType) return other.types.every((t) => isAssignable(this.type, t));
    if (other instanceof HashType || other instanceof StructType || other instanceof CollectionType) return this.type instanceof AnyType;
    if (isStringKind(other)) return isAssignable(this.type, StringType.DEFAULT);
    return false;
  }
  defaultOfKind(): BaseType {
    return IterableType.DEFAULT;
  }
  override toString(): string {
    return this.type instanceof AnyType ? 'Iterable' : `Iterable[${this.type}]`;
  }
}

// ---------------------------------------------------------------- combinators

export class OptionalType extends BaseType {
  static readonly DEFAULT = new OptionalType(AnyType.DEFAULT);
  readonly simpleName = 'Optional';
  constructor(readonly type: BaseType) {
    super();
  }
  isInstance(value: Value): boolean {
    return value === undefined || this.type.isInstance(value);
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof UndefType) return true;
    if (other instanceof OptionalType) return isAssignable(this.type, other.type);
    return isAssignable(this.type, other);
  }
  defaultOfKind(): BaseType {
    return OptionalType.DEFAULT;
  }
  override toString(): string {
    return this.type instanceof AnyType ? 'Optional' : `Optional[${this.type}]`;
  }
}

export class VariantType extends BaseType {
  static readonly DEFAULT = new VariantType([]);
  readonly simpleName = 'Variant';
  constructor(readonly types: BaseType[]) {
    super();
  }
  isInstance(value: Value): boolean {
    return this.types.some((t) => t.isInstance(value));
  }
  assignableFrom(other: PType): boolean {
    if (other instanceof VariantType) return other.types.every((o) => this.types.some((t) => isAssignable(t, o)));
    return this.types.some((t) => isAssignable(t, other));
  }
  defaultOfKind(): BaseType {
    return VariantType.DEFAULT;
  }
  override toString(): string {
    return withParams('Variant', this.types.map(String));
  }
}

export class TypeType extends BaseType {
  static readonly DEFAULT = new TypeType(AnyType.DEFAULT);
  readonly simpleName = 'Type';
  constructor(readonly type: BaseType) {
    super();
  }
  isInstance(value: Value): boolean {
    return value instanceof PType && isAssignable(this.type, value);
  }
  assignableFrom(other: PType): boolean {
    return other instanceof TypeType && isAssignable(this.type, other.type);
  }
  defaultOfKind(): BaseType {
    return TypeType.DEFAULT;
  }
  override toString(): string {
    return this.type instanceof AnyType ? 'Type' : `Type[${this.type}]`;
  }
}

export class SensitiveType extends BaseType {
  static readonly DEFAULT = new SensitiveType(AnyType.DEFAULT);
  readonly simpleName = 'Sensitive';
  constructor(readonly type: BaseType) {
    super();
  }
  isInstance(value: Value): boolean {
    return value instanceof PSensitive && this.type.isInstance(value.value);
  }
  assignableFrom(other: PType): boolean {
    return other instanceof SensitiveType && isAssignable(this.type, other.type);
  }
  defaultOfKind(): BaseType {
    return SensitiveType.DEFAULT;
  }
  override toString(): string {
    return this.type instanceof AnyType ? 'Sensitive' : `Sensitive[${this.type}]`;
  }
}

/** Minimal: lambdas are not values in papply, so only `Callable` itself is representable. */
export class CallableType extends BaseType {
  static readonly DEFAULT = new CallableType();
  readonly simpleName = 'Callable';
  isInstance(): boolean {
    return false;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof CallableType;
  }
  defaultOfKind(): BaseType {
    return CallableType.DEFAULT;
  }
}

// ---------------------------------------------------------------- catalog entries (references)

/** `CatalogEntry`: the supertype of resource and class references. References are types, not instances. */
export class CatalogEntryType extends BaseType {
  static readonly DEFAULT = new CatalogEntryType();
  readonly simpleName = 'CatalogEntry';
  isInstance(): boolean {
    return false;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof CatalogEntryType || other instanceof ResourceType || other instanceof ClassType;
  }
  defaultOfKind(): BaseType {
    return CatalogEntryType.DEFAULT;
  }
}

/**
 * `Resource`, `File` (= `Resource[file]`), `File['/x']` (a resource reference). `typeName` is
 * capitalised per segment; `toString()` is Puppet's type rendering (`File['/x']`), `ref` the
 * catalog's reference form (`File[/x]`).
 */
export class ResourceType extends BaseType {
  static readonly DEFAULT = new ResourceType();
  readonly simpleName = 'Resource';
  readonly typeName?: string;
  constructor(
    typeName?: string,
    readonly title?: string,
  ) {
    super();
    this.typeName = typeName === undefined ? undefined : capitalizeTypeName(typeName);
  }
  override get name(): string {
    return this.typeName ?? 'Resource';
  }
  get ref(): string {
    return this.title === undefined ? this.name : `${this.typeName}[${this.title}]`;
  }
  isInstance(): boolean {
    return false;
  }
  assignableFrom(other: PType): boolean {
    if (!(other instanceof ResourceType)) return false;
    if (this.typeName === undefined) return true;
    if (other.typeName?.toLowerCase() !== this.typeName.toLowerCase()) return false;
    return this.title === undefined || other.title === this.title;
  }
  defaultOfKind(): BaseType {
    return ResourceType.DEFAULT;
  }
  override toString(): string {
    if (this.typeName === undefined) return 'Resource';
    return this.title === undefined ? this.typeName : `${this.typeName}[${quote(this.title)}]`;
  }
}

/** `Class` or `Class[foo::bar]` (a class reference; the catalog writes `Class[Foo::Bar]`). */
export class ClassType extends BaseType {
  static readonly DEFAULT = new ClassType();
  readonly simpleName = 'Class';
  readonly className?: string;
  constructor(className?: string) {
    super();
    this.className = className === undefined ? undefined : className.replace(/^::/, '').toLowerCase();
  }
  get ref(): string {
    return this.className === undefined ? 'Class' : `Class[${capitalizeTypeName(this.className)}]`;
  }
  isInstance(): boolean {
    return false;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof ClassType && (this.className === undefined || other.className === this.className);
  }
  defaultOfKind(): BaseType {
    return ClassType.DEFAULT;
  }
  override toString(): string {
    return this.className === undefined ? 'Class' : `Class[${this.className}]`;
  }
}

/**
 * Puppet types papply knows by name only (Timespan, SemVer, Binary, Deferred, URI ...): they can be
 * written in signatures and printed, but no papply value is an instance of them.
 */
export class OpaqueType extends BaseType {
  constructor(
    readonly simpleName: string,
    private readonly params: string[] = [],
  ) {
    super();
  }
  isInstance(): boolean {
    return false;
  }
  assignableFrom(other: PType): boolean {
    return other instanceof OpaqueType && other.simpleName === this.simpleName && (this.params.length === 0 || other.toString() === this.toString());
  }
  defaultOfKind(): BaseType {
    return new OpaqueType(this.simpleName);
  }
  override toString(): string {
    return withParams(this.simpleName, this.params);
  }
}

// ---------------------------------------------------------------- aliases

/** `type Port = Integer[1, 65535]`: resolved on first use (aliases may refer to later ones). */
export class TypeAliasType extends BaseType {
  readonly simpleName = 'TypeAlias';
  private resolvedType?: BaseType;
  private resolving = false;
  constructor(
    readonly aliasName: string,
    private readonly resolve: () => BaseType,
  ) {
    super();
  }
  get resolved(): BaseType {
    if (!this.resolvedType) {
      // A self-referencing alias (`type Tree = Array[Variant[String, Tree]]`) sees Any while resolving.
      if (this.resolving) return AnyType.DEFAULT;
      this.resolving = true;
      try {
        this.resolvedType = this.resolve();
      } finally {
        this.resolving = false;
      }
    }
    return this.resolvedType;
  }
  override get name(): string {
    return this.aliasName;
  }
  isInstance(value: Value): boolean {
    return this.resolved.isInstance(value);
  }
  assignableFrom(other: PType): boolean {
    return isAssignable(this.resolved, other);
  }
  defaultOfKind(): BaseType {
    return this.resolved.defaultOfKind();
  }
  override toString(): string {
    return this.aliasName;
  }
}
