// Functions that change or query the catalog being compiled: include, require, contain, realize,
// tag, tagged, defined, create_resources, ensure_resource, ensure_packages, defined_with_params,
// getvar, epp, inline_epp; import, which Puppet 7 refuses.

import { readFileSync } from 'node:fs';
import { PapplyError, type SourceLocation } from '../../../errors.js';
import type { EppTemplate } from '../../ast.js';
import { flattenValues } from '../../catalog-builder.js';
import type { EvaluatorCallContext } from '../../evaluator/call.js';
import type { Evaluator } from '../../evaluator/evaluator.js';
import { parseReference, refTarget } from '../../evaluator/resource-ref.js';
import { parseEpp } from '../../parser.js';
import type { AttributeValue } from '../../scope.js';
import { ClassType, ResourceType } from '../../types/index.js';
import { formatValue, puppetEquals } from '../../value-format.js';
import { isHash, type PHash, type Value } from '../../values.js';
import { registerFunction, type CallContext } from '../registry.js';
import { rubyClass } from '../stdlib/support.js';

function evaluatorOf(ctx: CallContext): EvaluatorCallContext {
  return ctx as EvaluatorCallContext;
}

/** Class names from include-style arguments: strings, arrays, `Class['x']` references. */
function classNames(args: Value[], fn: string): string[] {
  return flattenValues(args).map((arg) => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof ClassType && arg.className) return arg.className;
    if (arg instanceof ResourceType && arg.typeName === 'Class' && arg.title) return arg.title;
    throw new PapplyError(`'${fn}' expects class names, got ${formatValue(arg)}`);
  });
}

function includeClasses(ctx: CallContext, args: Value[], fn: string) {
  const { evaluator, scope, loc } = evaluatorOf(ctx);
  return evaluator.includeClasses(classNames(args, fn), scope, loc);
}

/** What include/require/contain return in Puppet 7: a Class[name] type per name given. */
function classTypes(args: Value[], fn: string): Value[] {
  return classNames(args, fn).map((name) => new ClassType(name));
}

// Puppet 3's `import 'nodes/*.pp'` is still a function in Puppet 7, one that only refuses.
registerFunction('import', (ctx) => {
  throw new PapplyError("Use of 'import' has been discontinued in favor of a manifest directory. See http://links.puppet.com/puppet-import-deprecation", ctx.loc);
});

registerFunction('include', (ctx, args) => {
  includeClasses(ctx, args, 'include');
  return classTypes(args, 'include');
});

registerFunction('require', (ctx, args) => {
  const container = evaluatorOf(ctx).scope.resource;
  for (const klass of includeClasses(ctx, args, 'require')) {
    if (!container) continue;
    const current = container.params.get('require');
    const existing = current ? flattenValues(current.value).filter((v) => v !== undefined) : [];
    container.params.set('require', { name: 'require', value: [...existing, klass.toRef()], loc: ctx.loc, append: false, source: current?.source ?? 'main' });
  }
  return classTypes(args, 'require');
});

registerFunction('contain', (ctx, args) => {
  const { evaluator, scope } = evaluatorOf(ctx);
  for (const klass of includeClasses(ctx, args, 'contain')) {
    const container = scope.resource;
    if (container && !evaluator.builder.edges.some(([source, target]) => source === container && target === klass)) {
      evaluator.builder.addEdge(container, klass);
    }
  }
  return classTypes(args, 'contain');
});

registerFunction('realize', (ctx, args) => {
  const { evaluator, loc } = evaluatorOf(ctx);
  const targets = flattenValues(args).map((arg) => {
    // Like Puppet, a string is read as a reference ('Package[crmsh]').
    const target = typeof arg === 'string' ? parseReference(arg) : refTarget(arg);
    if (!target) throw new PapplyError(`realize() expects resource references, got ${formatValue(arg)}`, loc);
    return target;
  });
  evaluator.realize(targets, loc);
  return undefined;
});

/** Puppet's Tagging::ValidTagRegex. */
const VALID_TAG = /^[\p{L}\p{N}_][\p{L}\p{N}_:.-]*$/u;

registerFunction('tag', (ctx, args) => {
  const resource = evaluatorOf(ctx).scope.resource;
  const tags = flattenValues(args).map((v) => formatValue(v));
  for (const tag of tags) if (!VALID_TAG.test(tag)) throw new PapplyError(`Invalid tag '${tag}'`, ctx.loc);
  if (resource) resource.tag(...tags);
  return undefined;
});

registerFunction('tagged', (ctx, args) => {
  const { evaluator, scope } = evaluatorOf(ctx);
  return flattenValues(args).every((arg) => {
    const tag = formatValue(arg).toLowerCase();
    return evaluator.builder.classes.includes(tag) || (scope.resource?.hasTag(tag) ?? false);
  });
});

registerFunction('defined', (ctx, args) => {
  const { evaluator, scope } = evaluatorOf(ctx);
  if (args.length === 0) throw new PapplyError("'defined' expects at least 1 argument, got none");
  return args.some((arg) => {
    if (typeof arg === 'string') {
      if (arg.startsWith('$')) return scope.lookup(arg.slice(1)).found || evaluator.lookupVariableQuietly(arg.slice(1), scope) !== undefined;
      const name = arg.replace(/^::/, '').toLowerCase();
      return Boolean(evaluator.loader.findClass(name) || evaluator.loader.findDefine(name) || evaluator.loader.isResourceType(name) || evaluator.loader.findFunction(name));
    }
    if (arg instanceof ClassType) {
      if (!arg.className) throw new PapplyError('The given class type is a reference to all classes');
      return evaluator.builder.find('Class', refTarget(arg)!.title) !== undefined;
    }
    if (arg instanceof ResourceType) {
      if (arg.typeName === undefined) throw new PapplyError('The given resource type is a reference to all kind of types');
      const target = refTarget(arg);
      if (target) return evaluator.builder.find(target.type, target.title) !== undefined;
      const name = (arg.typeName ?? '').toLowerCase();
      return evaluator.loader.isResourceType(name) || Boolean(evaluator.loader.findDefine(name));
    }
    throw new PapplyError(`'defined' expects a String or a Type, got ${formatValue(arg)}`);
  });
});

function attributesOf(hash: Value, ctx: EvaluatorCallContext, what: string): AttributeValue[] {
  if (hash === undefined) return [];
  if (!isHash(hash)) throw new PapplyError(`${what} must be a Hash, got ${formatValue(hash)}`, ctx.loc);
  return [...hash].map(([name, value]) => ({ name: formatValue(name), value, loc: ctx.loc, append: false, source: ctx.scope.source }));
}

/** Declares one resource (or class) from a function, with attributes over defaults. */
function declareFromFunction(ev: Evaluator, ctx: EvaluatorCallContext, rawType: string, title: string, params: AttributeValue[], defaults: AttributeValue[]) {
  const form = rawType.startsWith('@@') ? 'exported' : rawType.startsWith('@') ? 'virtual' : 'regular';
  const type = rawType.replace(/^@+/, '').replace(/^::/, '').toLowerCase();
  const attributes = [...defaults.filter((d) => !params.some((p) => p.name === d.name)), ...params];
  if (type === 'class') return ev.declareClass(title, attributes, ctx.scope, ctx.loc, true);
  return ev.declareResource(type, title, attributes, form, ctx.scope, ctx.loc);
}

function typeNameOf(value: Value, ctx: CallContext): string {
  if (typeof value === 'string') return value;
  if (value instanceof ResourceType && value.typeName) return value.typeName;
  if (value instanceof ClassType) return 'class';
  throw new PapplyError(`Expected a resource type name, got ${formatValue(value)}`, ctx.loc);
}

registerFunction('create_resources', (ctx, args) => {
  const context = evaluatorOf(ctx);
  const [type, instances, defaults] = args;
  // A Puppet 3.x function: its own wording.
  if (args.length < 2) throw new PapplyError(`create_resources(): Wrong number of arguments given (${args.length} for minimum 2)`, ctx.loc);
  if (args.length > 3) throw new PapplyError(`create_resources(): wrong number of arguments (${args.length}; must be 2 or 3)`, ctx.loc);
  if (!isHash(instances)) throw new PapplyError('create_resources(): second argument must be a hash', ctx.loc);
  if (args.length === 3 && !isHash(defaults)) throw new PapplyError('create_resources(): third argument, if provided, must be a hash', ctx.loc);
  const defaultAttributes = attributesOf(defaults, context, "create_resources' defaults");
  for (const [title, params] of instances) {
    // Ruby's own error when an instance's parameters are not a Hash.
    if (params !== undefined && !isHash(params)) throw new PapplyError(`no implicit conversion of ${rubyClass(params)} into Hash`, ctx.loc);
    declareFromFunction(context.evaluator, context, typeNameOf(type, ctx), formatValue(title), attributesOf(params ?? new Map(), context, `Parameters of ${formatValue(title)}`), defaultAttributes);
  }
  return undefined;
});

/** stdlib's defined_with_params: the resource exists and has each given parameter with that value. */
function definedWithParams(ev: Evaluator, type: string, title: string, params: PHash | undefined): boolean {
  const target = refTarget(ev.resolveType(type.replace(/^::/, ''), [title], { file: '', line: 0, column: 0 }));
  const resource = target ? ev.builder.find(target.type, target.title) : undefined;
  if (!resource) return false;
  for (const [name, value] of params ?? []) {
    const key = formatValue(name);
    const actual = key === 'name' ? (resource.get('name') ?? resource.title) : resource.get(key);
    if (!puppetEquals(actual, value) && formatValue(actual) !== formatValue(value)) return false;
  }
  return true;
}

registerFunction('defined_with_params', (ctx, args) => {
  const { evaluator } = evaluatorOf(ctx);
  const [reference, params] = args;
  const target = typeof reference === 'string' ? refTarget(evaluator.resolveType(reference.replace(/\[.*$/, ''), [reference.replace(/^[^[]*\[|\]$/g, '')], ctx.loc)) : refTarget(reference);
  if (!target) return false;
  return definedWithParams(evaluator, target.type, target.title, isHash(params) ? params : undefined);
});

function ensureResource(ctx: EvaluatorCallContext, type: string, titles: Value, params: PHash | undefined): void {
  for (const title of flattenValues(titles)) {
    const text = formatValue(title);
    if (definedWithParams(ctx.evaluator, type, text, params)) continue;
    declareFromFunction(ctx.evaluator, ctx, type, text, attributesOf(params, ctx, 'ensure_resource parameters'), []);
  }
}

registerFunction('ensure_resource', (ctx, args) => {
  const [type, titles, params] = args;
  if (args.length < 2) throw new PapplyError(`'ensure_resource' expects 2 or 3 arguments, got ${args.length}`, ctx.loc);
  ensureResource(evaluatorOf(ctx), typeNameOf(type, ctx), titles, isHash(params) ? params : undefined);
  return undefined;
});

registerFunction('ensure_packages', (ctx, args) => {
  const [packages, defaults] = args;
  const base: PHash = new Map([['ensure', 'installed']]);
  const withDefaults = (extra: Value): PHash => new Map([...base, ...(isHash(defaults) ? defaults : []), ...(isHash(extra) ? extra : [])]);
  if (isHash(packages)) {
    for (const [name, params] of packages) ensureResource(evaluatorOf(ctx), 'package', name, withDefaults(params));
  } else {
    ensureResource(evaluatorOf(ctx), 'package', flattenValues(packages), withDefaults(undefined));
  }
  return undefined;
});

/** getvar('facts.os.family', default): a variable, then get()'s dotted navigation into it. */
registerFunction('getvar', (ctx, args, block) => {
  const [name, fallback] = args;
  const match = typeof name === 'string' ? /^((?:::)?(?:[a-z]\w*::)*[a-z_]\w*)(\..*|)$/s.exec(name) : null;
  if (!match) {
    if (typeof name === 'string' && /^(?:::)?(?:[a-z]\w*::)*[a-z_]\w*/.test(name)) {
      throw new PapplyError(`First character after var name in get string must be a '.' - got ${name.replace(/^(?:::)?(?:[a-z]\w*::)*[a-z_]\w*/, '')[0]}`, ctx.loc);
    }
    throw new PapplyError("'getvar' The given string does not start with a valid variable name", ctx.loc);
  }
  const value = ctx.lookupVariable(match[1]!);
  return ctx.callFunction('get', [value, match[2]!.slice(1), fallback], block);
});

function renderEpp(ctx: CallContext, fn: 'epp' | 'inline_epp', text: string, file: string, params: Value): string {
  const { evaluator, scope, loc } = evaluatorOf(ctx);
  if (params !== undefined && !isHash(params)) throw new PapplyError(`EPP parameters must be a Hash, got ${formatValue(params)}`, loc);
  return evaluator.renderEpp(parseTemplate(fn, text, file, loc), params, scope, loc);
}

/** A template that does not parse fails the call, naming the place in the template (Puppet's wording). */
function parseTemplate(fn: 'epp' | 'inline_epp', text: string, file: string, loc: SourceLocation): EppTemplate {
  try {
    return parseEpp(text, file);
  } catch (error) {
    if (!(error instanceof PapplyError)) throw error;
    const where = error.location ? `, line: ${error.location.line}, column: ${error.location.column}` : '';
    throw new PapplyError(`${fn}(): Invalid EPP: ${error.message} (file: ${file}${where})`, loc, { cause: error });
  }
}

// Puppet's name for the text of an inline template: errors inside it are placed there.
const INLINE_EPP_FILE = 'inlined-epp-text';

registerFunction('epp', (ctx, args) => {
  const reference = formatValue(args[0]);
  const file = ctx.resolveModuleFile('templates', reference);
  if (!file) throw new PapplyError(`Could not find template '${reference}'`, ctx.loc);
  return renderEpp(ctx, 'epp', readFileSync(file, 'utf8'), file, args[1]);
});

registerFunction('inline_epp', (ctx, args) => renderEpp(ctx, 'inline_epp', formatValue(args[0]), INLINE_EPP_FILE, args[1]));
