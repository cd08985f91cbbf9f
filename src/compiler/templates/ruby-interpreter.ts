// Evaluates the Ruby-subset AST of grammar/erb.peggy for one template rendering. The template's
// `self` is Puppet's TemplateWrapper: `@x` reads the calling scope's variable, `scope` is the Puppet
// scope (`scope['x']`, `scope.lookupvar`, `scope.function_x([...])`), `has_variable?` asks it.

import type { CallContext } from '../functions/registry.js';
import { PapplyError, type SourceLocation } from '../../errors.js';
import { PSensitive } from '../values.js';
import { arrayMethod, hashMethod, rangeMethod } from './ruby-collections.js';
import { isIP } from 'node:net';
import { BreakSignal, NextSignal, RException, RMatch, RubyError, argCount, type RBlock, type RubyRuntime } from './ruby-runtime.js';
import { NO_METHOD, format, formatNamed, stringMethod, symbolMethod } from './ruby-string.js';
import {
  KNOWN_CLASSES, RClass, RRange, RRegexp, RSymbol, classChain, className, fromPuppet, inspect, isInteger, isNumeric,
  isTruthy, makeFloat, numberOf, rubyCompare, rubyEquals, toPuppet, toS, type RHash, type RValue,
} from './ruby-values.js';
import { rubyJson, rubyYaml } from './ruby-serialize.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

const MAX_LOOP_ITERATIONS = 1_000_000;

/** The Puppet scope as templates see it (`scope`). */
class ScopeObject {
  constructor(readonly ctx: CallContext) {}
}

/** The template itself (`self`). */
class TemplateSelf {}

class Env {
  private readonly vars = new Map<string, RValue>();
  constructor(private readonly parent?: Env) {}
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): RValue {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent?.get(name);
  }
  set(name: string, value: RValue): void {
    if (!this.vars.has(name) && this.parent?.has(name)) this.parent.set(name, value);
    else this.vars.set(name, value);
  }
  /** Block parameters shadow outer variables of the same name. */
  declare(name: string, value: RValue): void {
    this.vars.set(name, value);
  }
}

const OPERATOR_METHODS = new Set(['+', '-', '*', '/', '%', '**', '==', '!=', '<', '<=', '>', '>=', '<=>', '===', '=~', '<<', '&', '|']);

const INDEXABLE_ITERATIONS = new Set(['each', 'each_pair', 'map', 'collect', 'flat_map', 'select', 'filter', 'reject', 'filter_map', 'each_with_object', 'sort_by', 'min_by', 'max_by', 'group_by', 'partition', 'find', 'detect', 'any?', 'all?', 'sum', 'count']);

/** A call like `list.map` (receiver, no block): what `.with_index` would enumerate. */
function isBlocklessIteration(node: Node | undefined): boolean {
  return node !== undefined && node.type === 'call' && node.receiver !== undefined && !node.block && !node.blockPass && INDEXABLE_ITERATIONS.has(node.name);
}

export interface RenderInput {
  program: Node[];
  texts: string[];
  file: string;
  ctx: CallContext;
}

export class RubyInterpreter implements RubyRuntime {
  private readonly out: string[] = [];
  private readonly ivars = new Map<string, RValue>();
  private lastMatch: RMatch | undefined;
  private readonly scopeObject: ScopeObject;
  private readonly self = new TemplateSelf();

  /** Names assigned somewhere in the template: Ruby reads them as nil before any assignment ran. */
  private readonly assignedLocals: Set<string>;

  constructor(private readonly input: RenderInput) {
    this.scopeObject = new ScopeObject(input.ctx);
    this.assignedLocals = assignedLocalsOf(input.program);
  }

  render(): string {
    this.evalBody(this.input.program, new Env());
    return this.out.join('');
  }

  setLastMatch(match: RMatch | undefined): void {
    this.lastMatch = match;
  }

  // ------------------------------------------------------------ statements

  private evalBody(nodes: Node[], env: Env): RValue {
    let last: RValue;
    for (const node of nodes) last = this.eval(node, env);
    return last;
  }

  private eval(node: Node, env: Env): RValue {
    try {
      return this.evalNode(node, env);
    } catch (error) {
      if (error instanceof RubyError && error.line === undefined) error.line = node.line;
      throw error;
    }
  }

  private evalNode(node: Node, env: Env): RValue {
    switch (node.type) {
      case 'text':
        this.out.push(this.input.texts[node.index]);
        return undefined;
      case 'output':
        this.out.push(toS(this.evalBody(node.body, env)));
        return undefined;
      case 'group':
        return this.evalBody(node.body, env);
      case 'if':
        return this.evalBody(isTruthy(this.eval(node.cond, env)) ? node.then : node.else, env);
      case 'unless':
        return this.evalBody(isTruthy(this.eval(node.cond, env)) ? node.else : node.then, env);
      case 'case':
        return this.evalCase(node, env);
      case 'begin':
        return this.evalBegin(node, env);
      case 'while':
        return this.evalWhile(node, env);
      case 'next':
        throw new NextSignal(node.value ? this.eval(node.value, env) : undefined);
      case 'break':
        throw new BreakSignal(node.value ? this.eval(node.value, env) : undefined);
      case 'nil':
        return undefined;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'self':
        return this.self;
      case 'file':
        return this.input.file;
      case 'int':
        return node.value;
      case 'float':
        return makeFloat(node.value);
      case 'str':
        return node.value;
      case 'dstr':
        return node.parts.map((p: string | Node) => (typeof p === 'string' ? p : toS(this.eval(p, env)))).join('');
      case 'sym':
        return RSymbol.of(node.name);
      case 'regexp':
        return new RRegexp(node.source, node.flags);
      case 'array':
        return this.evalItems(node.items, env);
      case 'hash': {
        const hash: RHash = new Map();
        for (const pair of node.pairs) hash.set(this.eval(pair.key, env), this.eval(pair.value, env));
        return hash;
      }
      case 'range':
        return new RRange(this.eval(node.from, env), this.eval(node.to, env), node.exclusive);
      case 'ivar':
        return this.instanceVariable(node.name);
      case 'gvar':
        if (node.group < 0) return this.lastMatch;
        return this.lastMatch?.group(node.group);
      case 'const':
        return this.constant(node, env);
      case 'lvar':
        if (env.has(node.name)) return env.get(node.name);
        if (this.assignedLocals.has(node.name)) return undefined;
        return this.callSelf(node.name, [], undefined, true);
      case 'call':
        return this.evalCall(node, env);
      case 'index': {
        const receiver = this.eval(node.receiver, env);
        return this.callMethod(receiver, '[]', this.evalItems(node.args, env), undefined);
      }
      case 'assign':
        return this.evalAssign(node, env);
      case 'logical': {
        const left = this.eval(node.left, env);
        if (node.op === '&&') return isTruthy(left) ? this.eval(node.right, env) : left;
        return isTruthy(left) ? left : this.eval(node.right, env);
      }
      case 'not':
        return !isTruthy(this.eval(node.expr, env));
      case 'neg': {
        const value = this.eval(node.expr, env);
        if (!isNumeric(value)) throw new RubyError(`undefined method '-@' for ${className(value)}`);
        return isInteger(value) ? -value : makeFloat(-numberOf(value));
      }
      case 'binary':
        return this.evalBinary(node, env);
      case 'defined':
        return this.evalDefined(node.expr, env);
      case 'splat':
      case 'pair':
      case 'blockpass':
        throw new RubyError(`unexpected ${node.type}`);
      default:
        throw new RubyError(`unsupported Ruby construct '${node.type}'`);
    }
  }

  private evalItems(items: Node[], env: Env): RValue[] {
    const values: RValue[] = [];
    for (const item of items) {
      if (item.type === 'splat') {
        const value = this.eval(item.expr, env);
        values.push(...(Array.isArray(value) ? value : value === undefined ? [] : value instanceof Map ? [...value].map(([k, v]) => [k, v]) : [value]));
      } else values.push(this.eval(item, env));
    }
    return values;
  }

  private evalCase(node: Node, env: Env): RValue {
    const subject = node.subject ? this.eval(node.subject, env) : undefined;
    for (const clause of node.whens) {
      for (const pattern of this.evalItems(clause.values, env)) {
        const hit = node.subject ? this.caseEquals(pattern, subject) : isTruthy(pattern);
        if (hit) return this.evalBody(clause.body, env);
      }
    }
    return node.else ? this.evalBody(node.else, env) : undefined;
  }

  /** while/until (loop and modifier forms); a runaway loop is an error, not a hung compile. */
  private evalWhile(node: Node, env: Env): RValue {
    for (let iterations = 0; isTruthy(this.eval(node.cond, env)) !== node.until; iterations++) {
      if (iterations >= MAX_LOOP_ITERATIONS) throw new RubyError(`loop ran more than ${MAX_LOOP_ITERATIONS} times (endless loop?)`);
      try {
        this.evalBody(node.body, env);
      } catch (signal) {
        if (signal instanceof BreakSignal) return signal.value;
        if (signal instanceof NextSignal) continue;
        throw signal;
      }
    }
    return undefined;
  }

  /** begin/rescue/else/ensure: Ruby errors of the listed classes (StandardError when none) are rescued. */
  private evalBegin(node: Node, env: Env): RValue {
    try {
      let value: RValue;
      try {
        value = this.evalBody(node.body, env);
      } catch (error) {
        if (!(error instanceof RubyError)) throw error;
        const clause = node.rescues.find((r: Node) => (r.classes.length ? r.classes : ['StandardError']).some((c: string) => error.rescuedBy(c)));
        if (!clause) throw error;
        if (clause.variable) env.set(clause.variable, new RException(error.rubyClass ?? 'RuntimeError', error.message));
        return this.evalBody(clause.body, env);
      }
      return node.else ? this.evalBody(node.else, env) : value;
    } finally {
      if (node.ensure) this.evalBody(node.ensure, env);
    }
  }

  /** `===`: class membership, range cover, regexp match, else equality. */
  private caseEquals(pattern: RValue, value: RValue): boolean {
    if (pattern instanceof RClass) return classChain(value).includes(pattern.name);
    if (pattern instanceof RRange) return rangeMethod(this, pattern, '===', [value], undefined) === true;
    if (pattern instanceof RRegexp) {
      if (typeof value !== 'string' && !(value instanceof RSymbol)) return false;
      const text = toS(value);
      const m = pattern.regexp.exec(text);
      this.lastMatch = m ? new RMatch(m, text) : undefined;
      return m !== null;
    }
    return rubyEquals(pattern, value);
  }

  private evalAssign(node: Node, env: Env): RValue {
    const { target, op } = node;
    const current = (): RValue =>
      target.type === 'lvar' ? env.get(target.name) : target.type === 'ivar' ? this.instanceVariable(target.name) : this.eval(target, env);
    let value: RValue;
    if (op === '=') value = this.eval(node.value, env);
    else if (op === '||=') {
      const existing = current();
      if (isTruthy(existing)) return existing;
      value = this.eval(node.value, env);
    } else if (op === '&&=') {
      const existing = current();
      if (!isTruthy(existing)) return existing;
      value = this.eval(node.value, env);
    } else value = this.binaryOp(op.slice(0, -1), current(), this.eval(node.value, env));
    this.store(target, value, env);
    return value;
  }

  private store(target: Node, value: RValue, env: Env): void {
    if (target.type === 'lvar') env.set(target.name, value);
    else if (target.type === 'ivar') this.ivars.set(target.name, value);
    else if (target.type === 'index') {
      const receiver = this.eval(target.receiver, env);
      this.callMethod(receiver, '[]=', [...this.evalItems(target.args, env), value], undefined);
    } else throw new RubyError('cannot assign to this expression');
  }

  private evalBinary(node: Node, env: Env): RValue {
    const left = this.eval(node.left, env);
    const right = this.eval(node.right, env);
    const result = this.binaryOp(node.op, left, right);
    // Strings are immutable here: `s << 'x'` on a variable stores the longer string back.
    if (node.op === '<<' && typeof left === 'string' && (node.left.type === 'lvar' || node.left.type === 'ivar')) this.store(node.left, result, env);
    return result;
  }

  private binaryOp(op: string, left: RValue, right: RValue): RValue {
    switch (op) {
      case '==':
        return rubyEquals(left, right);
      case '!=':
        return !rubyEquals(left, right);
      case '===':
        return this.caseEquals(left, right);
      case '=~':
      case '!~': {
        let matched: RValue;
        if (left instanceof RRegexp) matched = right === undefined ? undefined : stringMethod(this, toS(right), '=~', [left], undefined);
        else if (typeof left === 'string') matched = stringMethod(this, left, '=~', [right], undefined);
        else matched = undefined;
        return op === '=~' ? matched : matched === undefined;
      }
      case '<=>':
        return rubyCompare(left, right);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        // Only Comparable values (numbers, strings, symbols) have these operators.
        const comparable = isNumeric(left) || typeof left === 'string' || left instanceof RSymbol;
        if (!comparable) throw new RubyError(left === undefined ? `undefined method '${op}' for nil:NilClass` : `undefined method '${op}' for ${className(left)}`);
        const c = rubyCompare(left, right);
        if (c === undefined) throw new RubyError(`comparison of ${className(left)} with ${inspect(right)} failed`);
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '**':
        if (isNumeric(left)) return this.arithmetic(op, left, right);
        return this.callMethod(left, op, [right], undefined);
      case '<<':
        if (typeof left === 'string') return left + toS(right);
        return this.callMethod(left, op, [right], undefined);
      case '&':
      case '|':
      case '^':
      case '>>':
        if (isInteger(left) && isInteger(right)) return op === '&' ? left & right : op === '|' ? left | right : op === '^' ? left ^ right : left >> right;
        if (typeof left === 'boolean') return op === '&' ? left && isTruthy(right) : op === '|' ? left || isTruthy(right) : left !== isTruthy(right);
        return this.callMethod(left, op, [right], undefined);
      default:
        throw new RubyError(`unsupported Ruby operator '${op}'`);
    }
  }

  private arithmetic(op: string, left: RValue, right: RValue): RValue {
    if (!isNumeric(right)) throw new RubyError(`${className(right)} can't be coerced into ${className(left)}`);
    const a = numberOf(left);
    const b = numberOf(right);
    const integral = isInteger(left) && isInteger(right);
    if (integral) {
      switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/':
          if (b === 0) throw new RubyError('divided by 0');
          return Math.floor(a / b);
        case '%':
          if (b === 0) throw new RubyError('divided by 0');
          return ((a % b) + b) % b;
        case '**': return b >= 0 ? a ** b : makeFloat(a ** b);
      }
    }
    switch (op) {
      case '+': return makeFloat(a + b);
      case '-': return makeFloat(a - b);
      case '*': return makeFloat(a * b);
      case '/': return makeFloat(a / b);
      case '%': return makeFloat(a - b * Math.floor(a / b));
      default: return makeFloat(a ** b);
    }
  }

  private evalDefined(expr: Node, env: Env): RValue {
    switch (expr.type) {
      case 'lvar':
        return env.has(expr.name) ? 'local-variable' : this.selfResponds(expr.name) ? 'method' : undefined;
      case 'ivar':
        return this.instanceVariable(expr.name) !== undefined || this.ivars.has(expr.name) ? 'instance-variable' : undefined;
      case 'const':
        return KNOWN_CLASSES.includes(expr.name) ? 'constant' : undefined;
      case 'call':
        try {
          if (expr.receiver) this.eval(expr.receiver, env);
          return 'method';
        } catch {
          return undefined;
        }
      default:
        return 'expression';
    }
  }

  private instanceVariable(name: string): RValue {
    if (this.ivars.has(name)) return this.ivars.get(name);
    return fromPuppet(this.input.ctx.lookupVariable(name));
  }

  private constant(node: Node, env: Env): RValue {
    if (node.receiver) {
      const outer = this.eval(node.receiver, env);
      if (outer instanceof RClass && outer.name === 'IPAddr' && node.name === 'InvalidAddressError') return RClass.of('IPAddr::InvalidAddressError');
      throw new RubyError(`unsupported Ruby constant '${toS(outer)}::${node.name}'`);
    }
    if (KNOWN_CLASSES.includes(node.name)) return RClass.of(node.name === 'Fixnum' || node.name === 'Bignum' ? 'Integer' : node.name);
    throw new RubyError(`unsupported Ruby constant '${node.name}'`);
  }

  // ------------------------------------------------------------ calls

  private evalCall(node: Node, env: Env): RValue {
    const block = node.block ? this.makeBlock(node.block, env) : node.blockPass ? this.blockPass(this.eval(node.blockPass, env)) : undefined;
    try {
      if (!node.receiver) {
        // A receiver-less call with no arguments may be a local variable written like a method.
        if (env.has(node.name) && !node.args.length && !block) return env.get(node.name);
        return this.callSelf(node.name, this.evalItems(node.args, env), block, false);
      }
      if (node.name === 'with_index' && isBlocklessIteration(node.receiver)) return this.iterateWithIndex(node, block, env);
      const receiver = this.eval(node.receiver, env);
      if (node.safe && receiver === undefined) return undefined;
      return this.callMethod(receiver, node.name, this.evalItems(node.args, env), block);
    } catch (signal) {
      if (signal instanceof BreakSignal && block) return signal.value;
      throw signal;
    }
  }

  /**
   * `list.map.with_index(1) { |x, i| }`: there are no Enumerators here, so the iteration the
   * block-less call named runs with a block that hands the running index on, as Ruby's does.
   */
  private iterateWithIndex(node: Node, block: RBlock | undefined, env: Env): RValue {
    const iteration = node.receiver;
    const receiver = this.eval(iteration.receiver, env);
    const offsetArgs = this.evalItems(node.args, env);
    let index = offsetArgs.length && offsetArgs[0] !== undefined ? numberOf(offsetArgs[0]) : 0;
    if (!block) {
      // `each.with_index.map { |x, i| }`: the [item, index] pairs the Enumerator would yield.
      const items = this.callMethod(receiver, iteration.name, this.evalItems(iteration.args, env), undefined);
      if (!Array.isArray(items)) throw new RubyError(`${iteration.name}.with_index without a block is not supported (no Enumerator)`);
      return items.map((item) => [item, index++]);
    }
    const indexed: RBlock = { arity: 1, call: (args) => block.call([args.length === 1 ? args[0] : args, index++]) };
    return this.callMethod(receiver, iteration.name, this.evalItems(iteration.args, env), indexed);
  }

  private makeBlock(blockNode: Node, env: Env): RBlock {
    const params: Node[] = blockNode.params;
    return {
      arity: params.length,
      call: (args: RValue[]): RValue => {
        const blockEnv = new Env(env);
        bindParams(params, args, blockEnv);
        try {
          return this.evalBody(blockNode.body, blockEnv);
        } catch (signal) {
          if (signal instanceof NextSignal) return signal.value;
          throw signal;
        }
      },
    };
  }

  private blockPass(value: RValue): RBlock {
    if (!(value instanceof RSymbol)) throw new RubyError(`wrong argument type ${className(value)} (expected Proc)`);
    return { arity: 1, call: ([receiver, ...rest]) => this.callMethod(receiver, value.name, rest, undefined) };
  }

  callMethod(receiver: RValue, name: string, args: RValue[], block: RBlock | undefined): RValue {
    let result: RValue | typeof NO_METHOD = NO_METHOD;
    if (typeof receiver === 'string') result = stringMethod(this, receiver, name, args, block);
    else if (isNumeric(receiver)) result = this.numberMethod(receiver, name, args, block);
    else if (Array.isArray(receiver)) result = arrayMethod(this, receiver, name, args, block);
    else if (receiver instanceof Map) result = hashMethod(this, receiver, name, args, block);
    else if (receiver instanceof RRange) result = rangeMethod(this, receiver, name, args, block);
    else if (receiver instanceof RSymbol) result = symbolMethod(receiver, name, args);
    else if (receiver instanceof ScopeObject) result = this.scopeMethod(name, args);
    else if (receiver instanceof TemplateSelf) result = this.callSelf(name, args, block, false);
    else if (receiver instanceof RMatch) result = this.matchMethod(receiver, name, args);
    else if (receiver instanceof RRegexp) result = this.regexpMethod(receiver, name, args);
    else if (receiver instanceof RClass) result = classMethod(receiver, name, args);
    else if (receiver instanceof RException) result = exceptionMethod(receiver, name);
    else if (receiver instanceof IPAddress) result = ipMethod(receiver, name);
    else if (receiver === undefined) result = nilMethod(name);
    if (result !== NO_METHOD) return result;
    // Operators called as methods (`inject(:+)`, `&:*`, `a.send(:<=>, b)`) behave as the operator.
    if (OPERATOR_METHODS.has(name) && args.length === 1) return this.binaryOp(name, receiver, args[0]);
    if ((name === '-@' || name === '+@') && args.length === 0 && isNumeric(receiver)) {
      if (name === '+@') return receiver;
      return isInteger(receiver) ? -(receiver as number) : makeFloat(-numberOf(receiver));
    }
    return this.objectMethod(receiver, name, args, block);
  }

  /** Methods every object has. */
  private objectMethod(receiver: RValue, name: string, args: RValue[], block: RBlock | undefined): RValue {
    switch (name) {
      case 'nil?':
        return receiver === undefined;
      case 'is_a?':
      case 'kind_of?':
      case 'instance_of?': {
        const cls = args[0];
        if (!(cls instanceof RClass)) throw new RubyError('class or module required');
        const name = cls.name === 'Fixnum' || cls.name === 'Bignum' ? 'Integer' : cls.name;
        return name === 'instance_of?' ? className(receiver) === name : classChain(receiver).includes(name);
      }
      case 'class':
        return RClass.of(className(receiver));
      case 'to_s':
        return toS(receiver);
      case 'inspect':
        return inspect(receiver);
      case '==':
      case 'eql?':
      case 'equal?':
        return rubyEquals(receiver, args[0]);
      case '!=':
        return !rubyEquals(receiver, args[0]);
      case '!':
        return !isTruthy(receiver);
      case '===':
        return this.caseEquals(receiver, args[0]);
      case '=~':
        return undefined;
      case 'frozen?':
        return true;
      case 'freeze':
      case 'itself':
      case 'dup':
      case 'clone':
        return receiver;
      case 'respond_to?':
        return this.responds(receiver, toS(args[0]));
      case 'send':
      case 'public_send':
      case '__send__':
        return this.callMethod(receiver, toS(args[0]), args.slice(1), block);
      case 'unwrap':
        if (receiver instanceof PSensitive) return fromPuppet(receiver.value);
        break;
      case 'to_json':
        return rubyJson(toPuppet(receiver), false);
      case 'to_yaml':
        return rubyYaml(toPuppet(receiver));
      case 'then':
      case 'yield_self':
        return block ? block.call([receiver]) : receiver;
      case 'tap':
        block?.call([receiver]);
        return receiver;
    }
    if (receiver === undefined) throw new RubyError(`undefined method '${name}' for nil:NilClass`);
    throw new RubyError(`unsupported Ruby method '${name}' for ${className(receiver)} (outside the template Ruby subset)`);
  }

  /**
   * respond_to?: asks an empty value of the receiver's kind (no side effects on the receiver);
   * Puppet's scope answers for its lookups and function_* calls.
   */
  private responds(receiver: RValue, name: string): boolean {
    if (receiver instanceof ScopeObject) return name.startsWith('function_') || ['[]', 'lookupvar', 'to_hash', 'include?', 'exist?', 'call_function'].includes(name);
    const valueKind = receiver === undefined || typeof receiver === 'string' || typeof receiver === 'boolean' || isNumeric(receiver) || receiver instanceof RSymbol;
    if (!valueKind && !Array.isArray(receiver) && !(receiver instanceof Map) && !(receiver instanceof RRange)) return false;
    const probe = receiver instanceof Map ? new Map() : Array.isArray(receiver) ? [] : typeof receiver === 'string' ? '' : receiver;
    try {
      this.callMethod(probe, name, [], { arity: 1, call: () => undefined });
      return true;
    } catch (error) {
      return !(error instanceof RubyError && /unsupported Ruby method|undefined method/.test(error.message));
    }
  }

  private numberMethod(n: RValue, name: string, args: RValue[], block: RBlock | undefined): RValue | typeof NO_METHOD {
    const value = numberOf(n);
    const integral = isInteger(n);
    switch (name) {
      case 'to_s':
      case 'inspect':
        if (args.length && integral) return value.toString(numberOf(args[0]));
        return toS(n);
      case 'to_i':
      case 'to_int':
      case 'truncate':
        return Math.trunc(value);
      case 'to_f':
        return makeFloat(value);
      case 'round': {
        const digits = args.length ? numberOf(args[0]) : 0;
        if (digits > 0) return integral ? value : makeFloat(Number(roundHalfAway(value, digits)));
        return roundHalfAway(value, 0);
      }
      case 'floor':
        return Math.floor(value);
      case 'ceil':
        return Math.ceil(value);
      case 'abs':
        return integral ? Math.abs(value) : makeFloat(Math.abs(value));
      case 'zero?':
        return value === 0;
      case 'positive?':
        return value > 0;
      case 'negative?':
        return value < 0;
      case 'even?':
        return value % 2 === 0;
      case 'odd?':
        return Math.abs(value % 2) === 1;
      case 'integer?':
        return integral;
      case 'succ':
      case 'next':
        return value + 1;
      case 'pred':
        return value - 1;
      case 'chr':
        return String.fromCharCode(value);
      case 'between?':
        return value >= numberOf(args[0]) && value <= numberOf(args[1]);
      case 'clamp':
        return Math.min(Math.max(value, numberOf(args[0])), numberOf(args[1]));
      case 'divmod':
        return [this.arithmetic('/', n, args[0]), this.arithmetic('%', n, args[0])];
      case 'fdiv':
        return makeFloat(value / numberOf(args[0]));
      case 'times':
      case 'upto':
      case 'downto': {
        const items: number[] = [];
        if (name === 'times') for (let i = 0; i < value; i++) items.push(i);
        else if (name === 'upto') for (let i = value; i <= numberOf(args[0]); i++) items.push(i);
        else for (let i = value; i >= numberOf(args[0]); i--) items.push(i);
        if (!block) return items;
        for (const i of items) block.call([i]);
        return n;
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '**':
      case 'modulo':
        return this.arithmetic(name === 'modulo' ? '%' : name, n, args[0]);
      case 'nan?':
        return Number.isNaN(value);
    }
    return NO_METHOD;
  }

  private regexpMethod(re: RRegexp, name: string, args: RValue[]): RValue | typeof NO_METHOD {
    switch (name) {
      case 'source':
        return re.source;
      case 'match':
        return args[0] === undefined ? (this.lastMatch = undefined) : stringMethod(this, toS(args[0]), 'match', [re], undefined);
      case 'match?':
        return args[0] !== undefined && re.regexp.test(toS(args[0]));
      case '=~':
        return this.binaryOp('=~', re, args[0]);
    }
    return NO_METHOD;
  }

  private matchMethod(m: RMatch, name: string, args: RValue[]): RValue | typeof NO_METHOD {
    switch (name) {
      case '[]':
        return m.group(typeof args[0] === 'string' || args[0] instanceof RSymbol ? toS(args[0]) : numberOf(args[0]));
      case 'captures':
        return m.match.slice(1).map((g) => g ?? undefined);
      case 'to_a':
        return [...m.match].map((g) => g ?? undefined);
      case 'to_s':
        return m.match[0];
      case 'pre_match':
        return m.input.slice(0, m.match.index);
      case 'post_match':
        return m.input.slice(m.match.index + m.match[0].length);
      case 'named_captures':
        return new Map(Object.entries(m.match.groups ?? {}).map(([k, v]) => [k, v ?? undefined]));
    }
    return NO_METHOD;
  }

  // ------------------------------------------------------------ Puppet's scope and the template wrapper

  private scopeMethod(name: string, args: RValue[]): RValue | typeof NO_METHOD {
    const ctx = this.input.ctx;
    if (name.startsWith('function_')) {
      argCount(args, 1, 1, name);
      if (!Array.isArray(args[0])) throw new RubyError(`${name}(): the arguments must be given as an Array (Puppet 3 function API)`);
      return this.callPuppetFunction(name.slice('function_'.length), args[0]);
    }
    switch (name) {
      case '[]':
      case 'lookupvar':
        return fromPuppet(ctx.lookupVariable(toS(args[0])));
      case 'include?':
      case 'exist?':
        return ctx.lookupVariable(toS(args[0])) !== undefined;
      case 'call_function':
        return this.callPuppetFunction(toS(args[0]), Array.isArray(args[1]) ? args[1] : []);
      case 'to_hash': {
        if (!ctx.visibleVariables) throw new RubyError("scope.to_hash is not available in this context");
        const hash: RHash = new Map();
        // As Puppet's Scope#to_hash: variables whose value is undef are left out.
        for (const [k, v] of ctx.visibleVariables()) if (v !== undefined) hash.set(k, fromPuppet(v));
        return hash;
      }
    }
    return NO_METHOD;
  }

  private callPuppetFunction(name: string, args: RValue[]): RValue {
    return fromPuppet(this.input.ctx.callFunction(name, args.map(toPuppet)));
  }

  private selfResponds(name: string): boolean {
    return ['scope', 'has_variable?', 'file', 'Array', 'Integer', 'Float', 'String', 'Hash', 'format', 'sprintf'].includes(name);
  }

  /** Methods of the template object (Puppet's TemplateWrapper) and Kernel. */
  private callSelf(name: string, args: RValue[], block: RBlock | undefined, asVariable: boolean): RValue {
    switch (name) {
      case 'scope':
        return this.scopeObject;
      case 'has_variable?':
        argCount(args, 1, 1, name);
        return this.input.ctx.lookupVariable(toS(args[0])) !== undefined;
      case 'file':
        return this.input.file;
      case 'Array':
        argCount(args, 1, 1, name);
        if (args[0] === undefined) return [];
        if (Array.isArray(args[0])) return args[0];
        if (args[0] instanceof Map) return [...args[0]].map(([k, v]) => [k, v]);
        if (args[0] instanceof RRange) return rangeMethod(this, args[0], 'to_a', [], undefined);
        return [args[0]];
      case 'Integer': {
        const v = args[0];
        if (isNumeric(v)) return Math.trunc(numberOf(v));
        const text = toS(v).trim().replace(/_/g, '');
        if (/^[+-]?\d+$/.test(text)) return parseInt(text, 10);
        if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return parseInt(text, 16);
        throw new RubyError(`invalid value for Integer(): ${inspect(v)}`);
      }
      case 'Float': {
        const v = args[0];
        if (isNumeric(v)) return makeFloat(numberOf(v));
        const n = Number(toS(v).trim());
        if (toS(v).trim() === '' || Number.isNaN(n)) throw new RubyError(`invalid value for Float(): ${inspect(v)}`);
        return makeFloat(n);
      }
      case 'String':
        return toS(args[0]);
      case 'Hash':
        return args[0] === undefined || (Array.isArray(args[0]) && args[0].length === 0) ? new Map() : args[0];
      case 'format':
      case 'sprintf':
        if (args.length === 2 && args[1] instanceof Map) return formatNamed(toS(args[0]), args[1]);
        return format(toS(args[0]), args.slice(1));
      case 'raise':
      case 'fail': {
        // raise 'msg' | raise SomeError, 'msg' | raise SomeError | re-raise a rescued exception
        const [first, second] = args;
        if (first instanceof RException) throw new RubyError(first.message, undefined, first.className);
        if (first instanceof RClass) throw new RubyError(second === undefined ? first.name : toS(second), undefined, first.name);
        throw new RubyError(args.length ? toS(first) : 'unhandled exception', undefined, 'RuntimeError');
      }
      case 'puts':
      case 'print':
      case 'p':
      case 'warn':
        // Ruby prints these on Puppet's stdout/stderr, never into the template's result.
        return undefined;
      case 'block_given?':
        return false;
      case 'rand':
      case 'srand':
        throw new RubyError(`'${name}' gives a random result; not supported in templates`);
      case 'require':
        // The JSON and YAML libraries are always at hand; anything else cannot be loaded.
        if (['json', 'yaml', 'psych', 'ipaddr'].includes(toS(args[0]))) return true;
        throw new RubyError(`unsupported Ruby construct 'require ${inspect(args[0])}'`);
      case 'load':
      case 'eval':
      case 'instance_eval':
      case 'binding':
      case 'system':
      case 'exec':
      case '`':
        throw new RubyError(`unsupported Ruby construct '${name}'`);
    }
    if (block) throw new RubyError(`unsupported Ruby method '${name}' with a block`);
    if (asVariable) throw new RubyError(`undefined local variable or method '${name}'`);
    throw new RubyError(`undefined method '${name}' for the template (outside the template Ruby subset)`);
  }
}

// Per parsed program (programs are cached by the template compiler).
const assignedLocalsCache = new WeakMap<object, Set<string>>();

function assignedLocalsOf(program: Node[]): Set<string> {
  let names = assignedLocalsCache.get(program);
  if (!names) {
    names = new Set();
    collectAssignedLocals(program, names);
    assignedLocalsCache.set(program, names);
  }
  return names;
}

/**
 * Ruby decides at parse time that a name is a local variable once an assignment to it was seen,
 * even when that assignment never ran (`x = 1 if false; x` is nil). Collects those names.
 */
function collectAssignedLocals(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectAssignedLocals(item, names);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.type === 'assign' && n.target?.type === 'lvar') names.add(n.target.name);
  if (n.type === 'begin') for (const r of n.rescues) if (r.variable) names.add(r.variable);
  for (const value of Object.values(n)) if (value && typeof value === 'object') collectAssignedLocals(value, names);
}

/** Binds block parameters with proc semantics: one Array argument spreads over several parameters. */
function bindParams(params: Node[], args: RValue[], env: Env): void {
  let values = args;
  if (values.length === 1 && Array.isArray(values[0]) && (params.length > 1 || (params.length === 1 && params[0].rest))) values = values[0];
  params.forEach((param, i) => {
    if (param.rest) env.declare(param.name, values.slice(i));
    else if (param.nested) bindParams(param.nested, [values[i]], env);
    else env.declare(param.name, values[i]);
  });
}

/** An IPAddr (`IPAddr.new(s)` validates an IPv4/IPv6 address, with an optional /prefix). */
class IPAddress {
  constructor(
    readonly address: string,
    readonly family: 4 | 6,
  ) {}
}

function ipMethod(ip: IPAddress, name: string): RValue | typeof NO_METHOD {
  if (name === 'ipv4?') return ip.family === 4;
  if (name === 'ipv6?') return ip.family === 6;
  if (name === 'to_s') return ip.address;
  return NO_METHOD;
}

function exceptionMethod(e: RException, name: string): RValue | typeof NO_METHOD {
  if (name === 'message' || name === 'to_s') return e.message;
  if (name === 'class') return RClass.of(e.className);
  return NO_METHOD;
}

/** Class methods of the constants templates use: JSON.generate / pretty_generate / dump, YAML.dump, IPAddr.new, Error.new. */
function classMethod(cls: RClass, name: string, args: RValue[]): RValue | typeof NO_METHOD {
  if (cls.name === 'IPAddr' && name === 'new') {
    const text = toS(args[0]);
    const [address, prefix] = text.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk) throw new RubyError(`invalid address: ${text}`, undefined, 'IPAddr::InvalidAddressError');
    return new IPAddress(address, family as 4 | 6);
  }
  if (name === 'new' && /Error$/.test(cls.name)) return new RException(cls.name, args.length ? toS(args[0]) : cls.name);
  if (cls.name === 'JSON' && (name === 'generate' || name === 'dump')) return rubyJson(toPuppet(args[0]), false);
  if (cls.name === 'JSON' && name === 'pretty_generate') return rubyJson(toPuppet(args[0]), true);
  if (cls.name === 'YAML' && name === 'dump') return rubyYaml(toPuppet(args[0]));
  return NO_METHOD;
}

function nilMethod(name: string): RValue | typeof NO_METHOD {
  switch (name) {
    case 'to_s':
      return '';
    case 'to_a':
      return [];
    case 'to_h':
      return new Map();
    case 'to_i':
      return 0;
    case 'to_f':
      return makeFloat(0);
    case 'inspect':
      return 'nil';
    case '&':
      return false;
  }
  return NO_METHOD;
}

/** Ruby's Float#round: half away from zero. */
function roundHalfAway(value: number, digits: number): number {
  const factor = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
}

/** A Ruby error as papply reports it: the template file and line in the message, at the call site. */
/**
 * A template's failure as Puppet reports it at the call: a template file by its reference, path and
 * line, an inline template by the detail (papply adds where in the template). Ruby quotes method
 * names `so'.
 */
export function templateError(error: unknown, file: string, callSite: SourceLocation, reference?: string): unknown {
  if (error instanceof RubyError) {
    const detail = error.message.replace(/^undefined method '([^']*)'/, "undefined method `$1'");
    const message =
      reference === undefined
        ? `Failed to parse inline template: ${detail} at ${file}:${error.line ?? 1}`
        : `Failed to parse template ${reference}:\n  Filepath: ${file}\n  Line: ${error.line ?? 1}\n  Detail: ${detail}`;
    return new PapplyError(message, callSite);
  }
  if (error instanceof BreakSignal || error instanceof NextSignal) return new PapplyError(`'break' or 'next' outside of a block in ${file}`, callSite);
  return error;
}


