// Calls: functions (`foo(1)`, `include foo`), methods (`$x.foo(1)` is `foo($x, 1)`), lambdas as
// closures, Puppet-language functions from manifests and modules, and return/next/break.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { CallFunctionExpression, CallMethodExpression, Expression, FunctionDefinition, LambdaExpression, Parameter } from '../ast.js';
import type { CallContext, Closure } from '../functions/registry.js';
import { arityMessage } from '../functions/core/signature.js';
import { lookupFunction } from '../functions/registry.js';
import { findModuleFunction } from '../functions/module-functions.js';
import { Scope, UnevaluatedParameter } from '../scope.js';
import type { Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import { unfoldValue } from './literals.js';
import { typeMismatchMessage } from '../types/index.js';
import { PType } from '../values.js';

/** The call context the evaluator hands to functions; catalog functions also use the calling scope. */
export interface EvaluatorCallContext extends CallContext {
  readonly scope: Scope;
  readonly evaluator: Evaluator;
}

/**
 * Unwinds as Puppet's jumps do: `next` ends the innermost lambda, function, class or define body;
 * `return` passes through lambdas to the innermost function, class or define body; `break` (a Ruby
 * StopIteration in Puppet) passes through everything until an iteration that rescues it
 * (each, map, Array filter, reduce, reverse_each, step, slice). Uncaught, each is an error.
 */
export class ControlFlowSignal {
  constructor(
    readonly kind: 'return' | 'next' | 'break',
    readonly value: Value,
    readonly loc: SourceLocation,
  ) {}

  /** Puppet's error for a jump nothing around it can take. */
  illegal(): PapplyError {
    return new PapplyError(`${this.kind}() from context where this is illegal`, this.loc);
  }
}

export const isBreak = (error: unknown): error is ControlFlowSignal => error instanceof ControlFlowSignal && error.kind === 'break';

/** Runs a class, define or function body: `return` and `next` end it with their value. */
export function evaluateBody(run: () => Value): Value {
  try {
    return run();
  } catch (error) {
    if (error instanceof ControlFlowSignal && error.kind !== 'break') return error.value;
    throw error;
  }
}

/** The jump functions take at most one value (`break` none), with Puppet's arity wording. */
function jumpSignal(name: 'return' | 'next' | 'break', args: Value[], loc: SourceLocation): ControlFlowSignal {
  const most = name === 'break' ? 0 : 1;
  if (args.length > most) {
    const expected = most === 0 ? 'no arguments' : 'at most 1 argument';
    throw new PapplyError(`'${name}' expects ${expected}, got ${args.length}`, loc);
  }
  return new ControlFlowSignal(name, args[0], loc);
}

/** Where Puppet places an expression in errors: a method call at its '(' or '.', anything else where it starts. */
export function placeOf(expression: Expression): SourceLocation {
  return expression.kind === 'CallMethod' ? (expression.callLoc ?? expression.loc) : expression.loc;
}

export function evaluateArguments(args: Expression[], scope: Scope, ev: Evaluator): Value[] {
  const values: Value[] = [];
  for (const arg of args) {
    if (arg.kind === 'Unfold') values.push(...unfoldValue(ev.evaluate(arg.operand, scope)));
    else values.push(ev.evaluate(arg, scope));
  }
  return values;
}

export function evaluateCallFunction(node: CallFunctionExpression, scope: Scope, ev: Evaluator): Value {
  const args = evaluateArguments(node.args, scope, ev);
  const block = node.block ? makeClosure(node.block, scope, ev, node.loc) : undefined;
  return callFunction(node.name, args, block, scope, ev, node.loc);
}

export function evaluateCallMethod(node: CallMethodExpression, scope: Scope, ev: Evaluator): Value {
  const receiver = ev.evaluate(node.receiver, scope);
  const args = evaluateArguments(node.args, scope, ev);
  const callLoc = node.callLoc ?? node.loc;
  const block = node.block ? makeClosure(node.block, scope, ev, callLoc) : undefined;
  return callFunction(node.name, [receiver, ...args], block, scope, ev, callLoc);
}

/** A lambda on its own (not attached to a call) evaluates to a closure, as Puppet's does. */
export function evaluateLambda(node: LambdaExpression, scope: Scope, ev: Evaluator): Value {
  return makeClosure(node, scope, ev) as unknown as Value;
}

export function callContext(scope: Scope, ev: Evaluator, loc: SourceLocation): EvaluatorCallContext {
  return {
    loc,
    scope,
    evaluator: ev,
    dataLookup: ev.dataLookup,
    lookupVariable: (name) => ev.lookupVariableQuietly(name, scope),
    visibleVariables: () => {
      const seen = new Map<string, Value>();
      for (let s: Scope | undefined = scope; s; s = s.enclosing) for (const [k, v] of s.vars) if (!seen.has(k)) seen.set(k, v);
      return seen;
    },
    callFunction: (name, args, block) => callFunction(name, args, block, scope, ev, loc),
    resolveModuleFile: (kind, reference) => ev.loader.resolveModuleFile(kind, reference),
  };
}

export function callFunction(rawName: string, args: Value[], block: Closure | undefined, scope: Scope, ev: Evaluator, loc: SourceLocation): Value {
  const name = rawName.replace(/^::/, '');
  if (name === 'return' || name === 'next' || name === 'break') throw jumpSignal(name, args, loc);
  const builtin = lookupFunction(name) ?? findModuleFunction(ev.loader.modulepath, name);
  if (builtin) {
    try {
      return builtin(callContext(scope, ev, loc), args, block);
    } catch (error) {
      throw locate(error, loc);
    }
  }
  const definition = ev.loader.findFunction(name, ev);
  if (definition) return callPuppetFunction(definition, args, scope, ev, loc);
  // `Scalar('1')`, `My::Alias($x)`: a call named after a type is that type's `new`.
  if (/^[A-Z]/.test(name)) {
    const type = ev.resolveType(name, [], loc);
    if (type instanceof PType) return callFunction('new', [type, ...args], block, scope, ev, loc);
  }
  throw new PapplyError(`Unknown function: '${name}'.`, loc);
}

/** Errors from functions get the call site's position when they have none. */
function locate(error: unknown, loc: SourceLocation): unknown {
  if (error instanceof ControlFlowSignal) return error;
  if (error instanceof PapplyError) return error.location ? error : new PapplyError(error.message, loc, { cause: error });
  if (error instanceof Error) return new PapplyError(error.message, loc, { cause: error });
  return error;
}

function callPuppetFunction(definition: FunctionDefinition, args: Value[], caller: Scope, ev: Evaluator, loc: SourceLocation): Value {
  const scope = new Scope('local', ev.topScope, ev.topScope, caller.resource, caller.source);
  scope.isolatesMatches = true;
  bindParameters(definition.params, args, scope, ev, loc, { kind: 'function', name: definition.name });
  const result = evaluateBody(() => ev.evaluateBlock(definition.body.body, scope));
  checkReturnType(definition.returnType, result, `value returned from ${definition.name}`, scope, ev, loc);
  return result;
}

/** `>> Type` on a function or lambda: what it returns must be an instance. */
function checkReturnType(returnType: Expression | undefined, result: Value, subject: string, scope: Scope, ev: Evaluator, loc: SourceLocation): void {
  if (!returnType) return;
  const type = ev.evaluate(returnType, scope);
  const mismatch = type instanceof PType ? typeMismatchMessage(subject, type, result) : undefined;
  if (mismatch) throw new PapplyError(mismatch.replace(`${subject}:`, `${subject} has wrong type,`), loc);
}

/** Who receives the arguments: a Puppet-language function (checked for arity) or a lambda (given what is there). */
export type Callee = { kind: 'function'; name: string } | { kind: 'lambda' };

/**
 * Binds call arguments to declared parameters (defaults in order, `*$rest`, type checks). A
 * function's arity is checked as Puppet's dispatcher does; a lambda, like Puppet's closures,
 * ignores extra arguments and fails on a required parameter nothing was given for.
 */
export function bindParameters(params: Parameter[], args: Value[], scope: Scope, ev: Evaluator, loc: SourceLocation, callee: Callee): void {
  const required = params.filter((p) => !p.value && !p.capturesRest).length;
  const hasRest = params.some((p) => p.capturesRest);
  if (callee.kind === 'function' && (args.length < required || (!hasRest && args.length > params.length))) {
    throw new PapplyError(arityMessage(callee.name, required, hasRest ? Infinity : params.length, args.length), loc);
  }
  // Puppet words type errors `'f' parameter 'x' expects ...` for functions, `block parameter ...` for lambdas.
  const subject = callee.kind === 'function' ? `'${callee.name}'` : 'block';
  scope.unevaluatedParameters = new Set(params.map((p) => p.name));
  try {
    params.forEach((param, i) => {
      let value: Value;
      if (param.capturesRest) value = i < args.length ? args.slice(i) : param.value ? asArray(evaluateDefault(param, scope, ev, loc, callee)) : [];
      else if (i < args.length) value = args[i];
      else if (param.value) value = evaluateDefault(param, scope, ev, loc, callee);
      else throw new PapplyError(`Parameter $${param.name} is required but no value was given`, param.loc);
      if (param.type && !param.capturesRest) {
        const type = ev.evaluate(param.type, scope);
        const mismatch = type instanceof PType ? typeMismatchMessage(subject, type, value, param.name) : undefined;
        if (mismatch) throw new PapplyError(mismatch.replace(`${subject}:`, subject), loc);
      }
      scope.vars.set(param.name, value);
      scope.unevaluatedParameters!.delete(param.name);
    });
  } finally {
    scope.unevaluatedParameters = undefined;
  }
}

const asArray = (value: Value): Value[] => (Array.isArray(value) ? value : [value]);

function evaluateDefault(param: Parameter, scope: Scope, ev: Evaluator, loc: SourceLocation, callee: Callee): Value {
  try {
    return ev.evaluate(param.value!, scope);
  } catch (error) {
    if (!(error instanceof UnevaluatedParameter)) throw error;
    const name = callee.kind === 'function' ? callee.name : 'lambda';
    throw new PapplyError(`${name}: default expression for $${param.name} tries to illegally access not yet evaluated $${error.name}`, loc);
  }
}

/** A lambda; `callLoc` (the call it is given to) is where Puppet places its parameter errors. */
export function makeClosure(node: LambdaExpression, defining: Scope, ev: Evaluator, callLoc: SourceLocation = node.loc): Closure {
  const capturesRest = node.params.some((p) => p.capturesRest);
  return {
    arity: node.params.length,
    capturesRest,
    parameterNames: node.params.map((p) => p.name),
    call(args: Value[]): Value {
      const scope = defining.newLocal();
      bindParameters(node.params, args, scope, ev, callLoc, { kind: 'lambda' });
      let result: Value;
      try {
        result = ev.evaluateBlock(node.body.body, scope);
      } catch (error) {
        if (!(error instanceof ControlFlowSignal && error.kind === 'next')) throw error;
        result = error.value;
      }
      checkReturnType(node.returnType, result, 'value returned from lambda', scope, ev, callLoc);
      return result;
    },
  };
}
