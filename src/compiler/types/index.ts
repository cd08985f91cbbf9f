// The Puppet type system: type classes, inference, Puppet-worded mismatch errors and the
// resolution of type references. The evaluator and functions import from here.

import type { PType, Value } from '../values.js';
import { BaseType, isAssignable } from './types.js';

export * from './types.js';
export { typeOf, generalize, commonType } from './infer.js';
export { typeMismatchMessage, assertType, validateParameters, type DeclaredParameter } from './describe.js';
export { resolveType, parameterizeType, isCoreTypeName, type TypeEnvironment } from './resolve.js';

/** `$x =~ Type`, `case $x { Type: }`, selector options that are types. */
export function isInstanceOf(value: Value, type: PType): boolean {
  return type.isInstance(value);
}

/** Type comparison operators: `Integer < Numeric` (a strict subtype), `<=`, `>`, `>=`, `==`, `!=`. */
export function compareTypes(op: '<' | '<=' | '>' | '>=' | '==' | '!=', a: PType, b: PType): boolean {
  const same = a.toString() === b.toString();
  switch (op) {
    case '==':
      return same;
    case '!=':
      return !same;
    case '<':
      return !same && isAssignable(b, a);
    case '<=':
      return same || isAssignable(b, a);
    case '>':
      return !same && isAssignable(a, b);
    case '>=':
      return same || isAssignable(a, b);
  }
}

export function isType(value: Value): value is BaseType {
  return value instanceof BaseType;
}
