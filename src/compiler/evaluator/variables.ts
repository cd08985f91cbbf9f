// Variables: `$x` (lexical lookup), `$::x` (top scope), `$a::b::x` (a class's scope, which must
// have been evaluated), `$0..$9` (last match), and assignment (immutable, destructuring).

import { PapplyError } from '../../errors.js';
import type { AssignmentExpression, Variable } from '../ast.js';
import type { Scope } from '../scope.js';
import type { Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import type { SourceLocation } from '../../errors.js';

export function evaluateVariable(node: Variable, scope: Scope, ev: Evaluator): Value {
  return lookupVariable(node.name, scope, ev, node.loc);
}

export function lookupVariable(name: string, scope: Scope, ev: Evaluator, loc: SourceLocation): Value {
  if (/^\d+$/.test(name)) return scope.lookupMatch(Number(name));
  const qualified = name.startsWith('::') ? name.slice(2) : name;
  const separator = qualified.lastIndexOf('::');
  if (name.startsWith('::') && separator < 0) return known(ev.topScope.lookup(qualified), qualified, ev, loc);
  if (separator < 0) return known(scope.lookup(name), name, ev, loc);
  const className = qualified.slice(0, separator).toLowerCase();
  const variable = qualified.slice(separator + 2);
  const classScope = ev.classScopes.get(className);
  if (!classScope) {
    if (!ev.loader.findClass(className, ev)) return known({ found: false, value: undefined }, qualified, ev, loc);
    ev.warn(`Could not look up qualified variable '${qualified}'; class ${className} has not been evaluated`, loc);
    return undefined;
  }
  return known(classScope.lookupInClass(variable), qualified, ev, loc);
}

function known(result: { found: boolean; value: Value }, name: string, ev: Evaluator, loc: SourceLocation): Value {
  if (!result.found && ev.strictVariables) throw new PapplyError(`Unknown variable: '${name}'.`, loc);
  if (!result.found) ev.unknownVariable(name, loc);
  return result.value;
}

export function evaluateAssignment(node: AssignmentExpression, scope: Scope, ev: Evaluator): Value {
  const value = ev.evaluate(node.value, scope);
  assign(node.target, value, scope, operatorLoc(node));
  return value;
}

/**
 * Where the `=` is: Puppet reports assignment errors there. The AST has no position for the
 * operator, so it is placed after the target, one space before the value when there is room.
 */
function operatorLoc(node: AssignmentExpression): SourceLocation {
  const { target, value } = node;
  if (target.loc.endOffset === undefined || target.loc.offset === undefined || target.loc.line !== value.loc.line) return node.loc;
  const targetEnd = target.loc.column + (target.loc.endOffset - target.loc.offset);
  return { ...node.loc, column: Math.max(targetEnd, value.loc.column - 2), offset: undefined, endOffset: undefined };
}

/**
 * `$facts`, `$trusted` and `$server_facts` are Puppet's own. Its two checks word this differently:
 * the evaluator's (`$server_facts` anywhere, a name bound in this scope) with the `$`, the
 * scope's (`$facts`/`$trusted` in any other scope) without.
 */
function checkReserved(name: string, scope: Scope, loc: SourceLocation): void {
  if (name !== 'server_facts' && name !== 'facts' && name !== 'trusted') return;
  const shown = name === 'server_facts' || scope.vars.has(name) ? `$${name}` : name;
  throw new PapplyError(`Attempt to assign to a reserved variable name: '${shown}'`, loc);
}

function assign(target: AssignmentExpression['target'], value: Value, scope: Scope, loc: SourceLocation): void {
  if (target.kind === 'Variable') {
    if (target.name.includes('::')) throw new PapplyError(`Illegal attempt to assign to '${target.name}'. Cannot assign to variables in other namespaces`, target.loc);
    if (/^\d+$/.test(target.name)) throw new PapplyError(`Illegal attempt to assign to 'a Numeric Variable'`, target.loc);
    checkReserved(target.name, scope, loc);
    scope.set(target.name, value, loc);
    return;
  }
  const names = target.elements;
  if (value instanceof Map) {
    for (const element of names) {
      if (element.kind !== 'Variable') throw new PapplyError('Only variables can be assigned in an array', element.loc);
      checkReserved(element.name, scope, loc);
      if (!value.has(element.name)) throw new PapplyError(`No value for required key '${element.name}' in assignment to variables from hash`, loc);
      scope.set(element.name, value.get(element.name), element.loc);
    }
    return;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length !== names.length) {
    throw new PapplyError(`Mismatched number of assignable entries and values, expected ${names.length}, got ${values.length}`, loc);
  }
  names.forEach((element, i) => {
    if (element.kind !== 'Variable' && element.kind !== 'Array') throw new PapplyError('Only variables can be assigned in an array', element.loc);
    assign(element, values[i], scope, loc);
  });
}
