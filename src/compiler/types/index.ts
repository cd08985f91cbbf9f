// The Puppet type system: type classes, inference, Puppet-worded mismatch errors and the
// resolution of type references. The evaluator and functions import from here.

import type { PType } from '../values.js';
import { isAssignable } from './types.js';

export * from './types.js';
export { typeOf, generalize, commonType } from './infer.js';
export { typeMismatchMessage, assertType, validateParameters, type DeclaredParameter } from './describe.js';
export { resolveType, parameterizeType, isCoreTypeName, type TypeEnvironment } from './resolve.js';

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
