// Type mismatch descriptions with Puppet 7's wording (its TypeMismatchDescriber), e.g.
//   Class[Foo]: parameter 'port' expects an Integer value, got String
//   Class[Foo]: parameter 'x' expects a value of type Undef or String, got Integer
//   Class[Foo]: parameter 'x' index 1 expects a String value, got Integer
//   Class[Foo]: parameter 'x' expects a match for Enum['a', 'b'], got 'c'
// The describer walks the value itself; the "got" side is the value's inferred type.

import { PapplyError, type SourceLocation } from '../../errors.js';
import { isArray, isHash, type PType, type Value } from '../values.js';
import { generalize, typeOf } from './infer.js';
import {
  ArrayType,
  BaseType,
  EnumType,
  HashType,
  NotUndefType,
  OptionalType,
  PatternType,
  SensitiveType,
  SizeRange,
  StringType,
  StructType,
  TupleType,
  TypeAliasType,
  TypeType,
  UndefType,
  VariantType,
  isAssignable,
} from './types.js';

type PathElement =
  | { kind: 'parameter' | 'entry' | 'entryKey'; key: string }
  | { kind: 'index' | 'variant'; key: number }
  | { kind: 'subject'; key: string };

function pathElementText(e: PathElement): string {
  switch (e.kind) {
    case 'parameter':
      return `parameter '${e.key}'`;
    case 'entry':
      return `entry '${e.key}'`;
    case 'entryKey':
      return `key of entry '${e.key}'`;
    case 'index':
      return `index ${e.key}`;
    case 'variant':
      return `variant ${e.key}`;
    case 'subject':
      return e.key;
  }
}

type Mismatch =
  | { kind: 'type'; path: PathElement[]; expected: BaseType[]; actual: BaseType }
  | { kind: 'pattern'; path: PathElement[]; expected: BaseType; actual: BaseType }
  | { kind: 'size'; path: PathElement[]; expected: SizeRange; actual: SizeRange }
  | { kind: 'missingKey' | 'extraKey' | 'missingParameter' | 'invalidParameter'; path: PathElement[]; key: string };

const canonicalPath = (m: Mismatch) => m.path.filter((e) => e.kind !== 'variant').map(pathElementText).join(' ');

function aliasExpanded(t: BaseType): string {
  return t instanceof TypeAliasType ? `${t.aliasName} = ${t.resolved}` : t.toString();
}

function aAn(text: string): string {
  return /^[aeiou]/i.test(text) ? `an ${text}` : `a ${text}`;
}

function shortName(t: BaseType): string {
  if (t instanceof OptionalType || t instanceof NotUndefType || t instanceof SensitiveType || t instanceof TypeType) {
    if (!(t.type.simpleName === 'Any')) return `${t.simpleName}[${t.type.name}]`;
  }
  return t.name;
}

const resolvedType = (t: BaseType): BaseType => (t instanceof TypeAliasType ? resolvedType(t.resolved) : t);

function specialization(e: BaseType, a: BaseType): boolean {
  return (e instanceof StructType && a instanceof HashType) || (e instanceof TupleType && a instanceof ArrayType);
}

function alwaysFullyDetailed(es: BaseType[], a: BaseType): boolean {
  return es.some((e) => e.constructor === a.constructor || e instanceof TypeAliasType || a instanceof TypeAliasType || specialization(e, a));
}

function assignableToDefault(es: BaseType[], a: BaseType): boolean {
  return es.some((e) => isAssignable(resolvedType(e).defaultOfKind(), a));
}

function detailedActual(es: BaseType[], a: BaseType): string {
  const resolved = es.map(resolvedType);
  if (alwaysFullyDetailed(resolved, a)) return a.toString();
  const general = generalize(a);
  return resolved.some((e) => isAssignable(e, general)) ? a.toString() : a.simpleName;
}

function typeMismatchText(expected: BaseType[], actual: BaseType): string {
  let types = expected;
  let optional = false;
  if (types.length === 1 && types[0] instanceof OptionalType) {
    optional = true;
    types = [types[0].type];
  }
  if (types.length === 1 && types[0] instanceof VariantType) types = types[0].types;
  let names: string[];
  let got: string;
  if (alwaysFullyDetailed(types, actual) || assignableToDefault(types, actual)) {
    got = detailedActual(types, actual);
    names = types.map(aliasExpanded);
  } else {
    names = [...new Set(types.map(shortName))];
    got = shortName(actual);
  }
  if (optional) names.unshift('Undef');
  if (names.length === 1) return `expects ${aAn(names[0])} value, got ${got}`;
  const list = names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}`;
  return `expects a value of type ${list}, got ${got}`;
}

function rangeText(range: SizeRange, zero: string): string {
  const { min, max } = range;
  if (min === max) return min === 0 ? zero : String(min);
  if (min === 0) return max === Infinity ? 'unlimited' : `at most ${max}`;
  if (max === Infinity) return `at least ${min}`;
  return `between ${min} and ${max}`;
}

function mismatchText(m: Mismatch): string {
  switch (m.kind) {
    case 'type':
      return typeMismatchText(m.expected, m.actual);
    case 'pattern': {
      let e = m.expected;
      let prefix = '';
      if (e instanceof OptionalType) {
        e = e.type;
        prefix = 'an undef value or ';
      }
      const a = m.actual;
      const got = a instanceof StringType && a.value !== undefined ? `'${a.value}'` : shortName(a);
      return `expects ${prefix}a match for ${aliasExpanded(e)}, got ${got}`;
    }
    case 'size':
      return `expects size to be ${rangeText(m.expected, '0')}, got ${rangeText(m.actual, '0')}`;
    case 'missingKey':
      return `expects a value for key '${m.key}'`;
    case 'extraKey':
      return `unrecognized key '${m.key}'`;
    case 'missingParameter':
      return `expects a value for parameter '${m.key}'`;
    case 'invalidParameter':
      return `has no parameter named '${m.key}'`;
  }
}

/** One mismatch as Puppet formats it: ` parameter 'x' index 1 expects ...` (leading space). */
function formatMismatch(m: Mismatch): string {
  const position = m.path.length ? ` ${m.path.map(pathElementText).join(' ')}` : '';
  return `${position} ${mismatchText(m)}`;
}

function typeMismatch(path: PathElement[], expected: BaseType, value: Value): Mismatch {
  return { kind: 'type', path, expected: [expected], actual: typeOf(value) };
}

function sizeOf(value: Value[] | Map<Value, Value>): SizeRange {
  const n = isArray(value) ? value.length : value.size;
  return new SizeRange(n, n);
}

function chopPath(m: Mismatch, index: number): Mismatch {
  if (index >= m.path.length) return m;
  return { ...m, path: m.path.filter((_, i) => i !== index) };
}

function mergeVariantDescriptions(position: number, perVariant: Mismatch[][]): Mismatch[] {
  let descriptions = perVariant.flat();
  // A PatternMismatch is a kind of TypeMismatch in Puppet: both merge into one list of expected types.
  for (const kind of ['size', 'type'] as const) {
    const same = descriptions.filter((d) => d.kind === kind || (kind === 'type' && d.kind === 'pattern'));
    if (same.length !== perVariant.length) continue;
    if (!same.every((d) => canonicalPath(d) === canonicalPath(same[0]))) continue;
    if (kind === 'type') {
      const expected: BaseType[] = [];
      for (const d of same as Extract<Mismatch, { kind: 'type' | 'pattern' }>[]) {
        const types = d.kind === 'type' ? d.expected : [d.expected];
        for (const t of types) if (!expected.some((x) => x.toString() === t.toString())) expected.push(t);
      }
      const first = same[0] as Extract<Mismatch, { kind: 'type' | 'pattern' }>;
      descriptions = [
        first.kind === 'type'
          ? { ...first, expected }
          : { ...first, expected: expected.length === 1 ? expected[0] : new VariantType(expected) },
      ];
    } else {
      const sizes = same as Extract<Mismatch, { kind: 'size' }>[];
      const min = Math.min(...sizes.map((s) => s.expected.min));
      const max = Math.max(...sizes.map((s) => s.expected.max));
      descriptions = [{ ...sizes[0], expected: new SizeRange(min, max) }];
    }
    break;
  }
  const unique = new Map<string, Mismatch>();
  for (const d of descriptions) {
    const key = `${d.kind}|${canonicalPath(d)}|${mismatchText(d)}`;
    if (!unique.has(key)) unique.set(key, d);
  }
  descriptions = [...unique.values()];
  return descriptions.length === 1 ? [chopPath(descriptions[0], position)] : descriptions;
}

function describe(expected: BaseType, value: Value, path: PathElement[], original: BaseType = expected): Mismatch[] {
  if (expected.isInstance(value)) return [];
  if (expected instanceof TypeAliasType) return describe(expected.resolved, value, path, expected);

  if (expected instanceof VariantType) {
    const types = original instanceof OptionalType ? [UndefType.DEFAULT, ...expected.types] : expected.types;
    const perVariant: Mismatch[][] = [];
    for (const [index, t] of types.entries()) {
      const d = describe(t, value, [...path, { kind: 'variant', key: index }]);
      if (d.length === 0) return [];
      perVariant.push(d);
    }
    const merged = mergeVariantDescriptions(path.length, perVariant);
    if (original instanceof TypeAliasType && merged.length === 1) return [typeMismatch(path, original, value)];
    return merged;
  }

  if (expected instanceof OptionalType) {
    if (value === undefined) return [];
    return describe(expected.type, value, path, original instanceof TypeAliasType ? original : expected);
  }

  if (expected instanceof EnumType || expected instanceof PatternType) {
    return [{ kind: 'pattern', path, expected: original, actual: typeOf(value) }];
  }

  if (expected instanceof StructType) {
    if (!isHash(value)) return [typeMismatch(path, original, value)];
    const stringKeyed = value.size > 0 && [...value.keys()].every((k) => typeof k === 'string');
    if (!stringKeyed) {
      const wanted = expected.sizeRange();
      if (!wanted.covers(sizeOf(value))) return [{ kind: 'size', path, expected: wanted, actual: sizeOf(value) }];
      return [typeMismatch(path, original, value)];
    }
    const found: Mismatch[] = [];
    for (const element of expected.elements) {
      if (!value.has(element.name)) {
        if (!element.optional) found.push({ kind: 'missingKey', path, key: element.name });
      } else {
        found.push(...describe(element.type, value.get(element.name), [...path, { kind: 'entry', key: element.name }]));
      }
    }
    for (const key of value.keys()) {
      if (!expected.element(key as string)) found.push({ kind: 'extraKey', path, key: key as string });
    }
    return found;
  }

  if (expected instanceof HashType) {
    if (!isHash(value)) return [typeMismatch(path, original, value)];
    if (!expected.size.covers(sizeOf(value))) return [{ kind: 'size', path, expected: expected.size, actual: sizeOf(value) }];
    const stringKeyed = [...value.keys()].every((k) => typeof k === 'string');
    if (!stringKeyed) return [typeMismatch(path, original, value)];
    const found: Mismatch[] = [];
    for (const [k, v] of value) {
      found.push(...describe(expected.key, k, [...path, { kind: 'entryKey', key: k as string }]));
      found.push(...describe(expected.value, v, [...path, { kind: 'entry', key: k as string }]));
    }
    return found;
  }

  if (expected instanceof TupleType) {
    if (!isArray(value)) return [typeMismatch(path, original, value)];
    if (!expected.size.covers(sizeOf(value))) return [{ kind: 'size', path, expected: expected.size, actual: sizeOf(value) }];
    const found: Mismatch[] = [];
    if (expected.types.length === 0) return found;
    value.forEach((v, index) => {
      const at = Math.min(index, expected.types.length - 1);
      found.push(...describe(expected.types[at], v, [...path, { kind: 'index', key: at }]));
    });
    return found;
  }

  if (expected instanceof ArrayType) {
    if (!isArray(value)) return [typeMismatch(path, original, value)];
    if (!expected.size.covers(sizeOf(value))) return [{ kind: 'size', path, expected: expected.size, actual: sizeOf(value) }];
    return value.flatMap((v, index) => describe(expected.element, v, [...path, { kind: 'index', key: index }]));
  }

  return [typeMismatch(path, original, value)];
}

function joinMismatches(subject: string, mismatches: Mismatch[]): string {
  if (mismatches.length === 1) return `${subject}:${formatMismatch(mismatches[0])}`;
  return `${subject}:\n ${mismatches.map(formatMismatch).join('\n ')}`;
}

/**
 * Why `value` is not an instance of `expected`, worded like Puppet, or undefined when it is one.
 * `subject` starts the message (`Class[Foo]`, `Foo::Bar[title]`, `assert_type()`); `parameter`
 * names the parameter concerned, when there is one.
 */
export function typeMismatchMessage(subject: string, expected: PType, value: Value, parameter?: string): string | undefined {
  const type = expected as BaseType;
  if (type.isInstance(value)) return undefined;
  const path: PathElement[] = parameter === undefined ? [] : [{ kind: 'parameter', key: parameter }];
  const mismatches = describe(type, value, path);
  if (mismatches.length === 0) mismatches.push(typeMismatch(path, type, value));
  return joinMismatches(subject, mismatches);
}

/** Throws a PapplyError at `loc` with Puppet's wording unless `value` is an instance of `expected`. */
export function assertType(expected: PType, value: Value, subject: string, loc?: SourceLocation, parameter?: string): void {
  const message = typeMismatchMessage(subject, expected, value, parameter);
  if (message !== undefined) throw new PapplyError(message, loc);
}

export interface DeclaredParameter {
  name: string;
  /** The declared type; absent means Any. */
  type?: PType;
}

/**
 * Checks a class or define instance's parameters the way Puppet does and throws one PapplyError
 * listing everything wrong (unknown names first, then per declared parameter, in order, a type
 * mismatch or a missing value):
 *   `Class[A]: has no parameter named 'y'`, `Class[A]: expects a value for parameter 'x'`,
 *   `Foo[t]: parameter 'x' expects a String value, got Undef`.
 * `values` holds each parameter that has a value: the one given (an explicit undef counts only when
 * there is no default, as in Puppet), else its evaluated default. Metaparameters must be left out.
 */
export function validateParameters(subject: string, declared: DeclaredParameter[], values: Map<string, Value>, loc?: SourceLocation): void {
  const known = new Set(declared.map((p) => p.name));
  const mismatches: Mismatch[] = [];
  for (const name of values.keys()) if (!known.has(name)) mismatches.push({ kind: 'invalidParameter', path: [], key: name });
  for (const param of declared) {
    if (!values.has(param.name)) {
      mismatches.push({ kind: 'missingParameter', path: [], key: param.name });
      continue;
    }
    const value = values.get(param.name);
    const type = param.type as BaseType | undefined;
    if (type && !type.isInstance(value)) {
      const path: PathElement[] = [{ kind: 'parameter', key: param.name }];
      const found = describe(type, value, path);
      mismatches.push(...(found.length ? found : [typeMismatch(path, type, value)]));
    }
  }
  if (mismatches.length) throw new PapplyError(joinMismatches(subject, mismatches), loc);
}
