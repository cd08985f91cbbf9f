// Instantiating definitions: classes (include-like and resource-like, `inherits`), define
// instances (evaluated lazily by the generator loop, as Puppet does) and node definitions, with
// parameter binding (given value, Hiera `class::param`, default expression, type check).

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { HostClassDefinition, NodeDefinition, Parameter, ResourceTypeDefinition } from '../ast.js';
import { CompiledResource, METAPARAMS } from '../catalog-builder.js';
import { Scope, UnevaluatedParameter, type AttributeValue } from '../scope.js';
import { PRegexp, PType, type Value } from '../values.js';
import { evaluateBody } from './call.js';
import type { Evaluator } from './evaluator.js';
import { classTitle } from './resource-ref.js';
import { validateParameters, type DeclaredParameter } from '../types/index.js';

/** Where unqualified variables go after a class/define scope: the nearest node or top scope. */
function enclosingOf(scope: Scope): Scope {
  let current: Scope | undefined = scope;
  while (current && current.kind !== 'top' && current.kind !== 'node') current = current.parent;
  return current ?? scope;
}

function findClassDefinition(name: string, loc: SourceLocation, ev: Evaluator, resourceLike = false): HostClassDefinition {
  const definition = ev.loader.findClass(name, ev);
  if (definition) return definition;
  const searched = ev.loader.searchedPaths(name);
  const paths = searched.length ? ` (searched: ${searched.join(', ')})` : '';
  throw new PapplyError(resourceLike ? `Could not find declared class ${name}${paths}` : `Could not find class ::${name} for ${ev.nodeName}${paths}`, loc);
}

/**
 * `include foo` (params undefined) or `class { 'foo': ... }` (params given): adds the class to the
 * catalog once and evaluates it right away; a second resource-like declaration is an error.
 */
export function declareClass(rawName: string, params: AttributeValue[] | undefined, scope: Scope, loc: SourceLocation, ev: Evaluator): CompiledResource {
  const name = rawName.replace(/^::/, '').toLowerCase();
  const definition = findClassDefinition(name, loc, ev, params !== undefined);
  const title = classTitle(name);
  const existing = ev.builder.find('Class', title);
  if (existing) {
    if (params) {
      const previous = existing.loc && existing.locationInCatalog ? ` at (file: ${existing.loc.file}, line: ${existing.loc.line})` : '';
      throw new PapplyError(`Duplicate declaration: Class[${title}] is already declared${previous}; cannot redeclare (file: ${loc.file}, line: ${loc.line})`, loc);
    }
    return existing;
  }
  const resource = ensureInCatalog(name, definition, params, scope, loc, ev);
  evaluateClass(resource, definition, name, ev);
  return resource;
}

/**
 * `include a, b`: like Puppet's evaluate_classes, every new class is added to the catalog first,
 * then each is evaluated in turn. Returns the class resources, already included ones first.
 */
export function includeClasses(rawNames: string[], scope: Scope, loc: SourceLocation, ev: Evaluator): CompiledResource[] {
  const already: CompiledResource[] = [];
  const added: { resource: CompiledResource; definition: HostClassDefinition; name: string }[] = [];
  for (const rawName of rawNames) {
    const name = rawName.replace(/^::/, '').toLowerCase();
    const definition = findClassDefinition(name, loc, ev);
    const existing = ev.builder.find('Class', classTitle(name));
    if (existing) already.push(existing);
    else added.push({ resource: ensureInCatalog(name, definition, undefined, scope, loc, ev), definition, name });
  }
  for (const { resource, definition, name } of added) if (!resource.evaluated) evaluateClass(resource, definition, name, ev);
  return [...already, ...added.map((a) => a.resource)];
}

/** The class a class inherits from; Puppet names the child's definition when it is missing. */
function findParentClass(parentName: string, child: HostClassDefinition, ev: Evaluator): HostClassDefinition {
  const parent = ev.loader.findClass(parentName, ev);
  if (!parent) throw new PapplyError(`Could not find parent resource type '::${parentName}' of type hostclass in production`, child.loc);
  return parent;
}

/** Adds the class resource (after its parent's, as Puppet does) without evaluating it. */
function ensureInCatalog(name: string, definition: HostClassDefinition, params: AttributeValue[] | undefined, scope: Scope, loc: SourceLocation, ev: Evaluator): CompiledResource {
  if (definition.parent) {
    const parentName = definition.parent.replace(/^::/, '').toLowerCase();
    if (!ev.builder.find('Class', classTitle(parentName))) ensureInCatalog(parentName, findParentClass(parentName, definition, ev), undefined, scope, loc, ev);
  }
  const resource = new CompiledResource('Class', classTitle(name), 'unknown', scope, loc, false);
  resource.locationInCatalog = params !== undefined;
  for (const param of params ?? []) if (param.value !== undefined) resource.set(param);
  resource.tag('class', name);
  ev.builder.mergeCatalogTags(resource);
  ev.builder.add(resource, stageOf(resource, loc, ev));
  ev.inheritScopeTags(resource);
  return resource;
}

/** The run stage containing a class: `stage => x` names one, else Stage[main]. */
function stageOf(resource: CompiledResource, loc: SourceLocation, ev: Evaluator): CompiledResource {
  const own = resource.get('stage');
  // Without its own, a class runs in the stage of the resource whose body declared it (Puppet's add_edge_to_stage).
  const stage = own ?? resource.scope?.resource?.get('stage');
  if (stage === undefined) return ev.stageResource;
  const found = ev.builder.find('Stage', String(stage));
  if (!found) throw new PapplyError(`Could not find stage ${String(stage)} specified by ${resource.ref}`, loc);
  if (own === undefined && found !== ev.stageResource) {
    resource.set({ name: 'stage', value: stage, loc, append: false, source: resource.scope?.source ?? 'main' });
  }
  return found;
}

/** Evaluates a class body in its own scope; the parent class is evaluated first and becomes the parent scope. */
function evaluateClass(resource: CompiledResource, definition: HostClassDefinition, name: string, ev: Evaluator): void {
  const declaring = resource.scope ?? ev.topScope;
  let parentScope: Scope | undefined;
  if (definition.parent) {
    const parentName = definition.parent.replace(/^::/, '').toLowerCase();
    const parentResource = ev.builder.find('Class', classTitle(parentName))!;
    if (!parentResource.evaluated) evaluateClass(parentResource, findClassDefinition(parentName, resource.loc ?? definition.loc, ev), parentName, ev);
    parentScope = ev.classScopes.get(parentName);
  }
  const scope = new Scope('class', parentScope ?? declaring, parentScope ?? enclosingOf(declaring), resource, name);
  ev.classScopes.set(name, scope);
  ev.builder.addClass(name);
  scope.vars.set('title', name);
  scope.vars.set('name', name);
  scope.vars.set('module_name', ev.loader.moduleOf(definition));
  scope.vars.set('caller_module_name', declaring.lookup('module_name').value ?? '');
  bindResourceParameters(resource, definition.params, scope, ev, `Class[${classTitle(name)}]`, name);
  resource.evaluated = true;
  evaluateBody(() => ev.evaluateBlock(definition.body.body, scope));
}

/** The instance's own attribute values (metaparameters and `name` aside), as Puppet validates them. */
function givenValues(resource: CompiledResource): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const [name, attribute] of resource.params) {
    if (!METAPARAMS.has(name) && name !== 'name' && attribute.value !== undefined) values.set(name, attribute.value);
  }
  return values;
}

/**
 * Puppet's parameter validation when a class or define instance is evaluated, every problem
 * reported at once: unknown names, parameters without value, type mismatches.
 */
function validate(resource: CompiledResource, params: Parameter[], values: Map<string, Value>, scope: Scope, ev: Evaluator, subject: string): void {
  const declared: DeclaredParameter[] = params.map((param) => {
    const type = param.type ? ev.evaluate(param.type, scope) : undefined;
    return { name: param.name, type: type instanceof PType ? type : undefined };
  });
  validateParameters(subject, declared, values, resource.loc);
}

function bindResourceParameters(resource: CompiledResource, params: Parameter[], scope: Scope, ev: Evaluator, subject: string, className?: string): void {
  // Given values (and Hiera's) are bound first; defaults then run in order and may not read a
  // parameter whose default has not run yet (Puppet's parameter scope). Then all is validated.
  const values = givenValues(resource);
  for (const param of params) {
    if (values.has(param.name) || !className || !ev.dataLookup) continue;
    const result = ev.dataLookup.lookup(`${className}::${param.name}`, ev.topScopeView);
    if (result.found) values.set(param.name, result.value);
  }
  for (const param of params) if (values.has(param.name)) scope.vars.set(param.name, values.get(param.name));
  scope.unevaluatedParameters = new Set(params.filter((p) => !values.has(p.name)).map((p) => p.name));
  try {
    for (const param of params) {
      if (values.has(param.name) || !param.value) continue;
      const value = evaluateDefault(param, scope, ev, subject, resource);
      values.set(param.name, value);
      scope.vars.set(param.name, value);
      scope.unevaluatedParameters.delete(param.name);
    }
  } finally {
    scope.unevaluatedParameters = undefined;
  }
  validate(resource, params, values, scope, ev, subject);
  for (const param of params) {
    const value = values.get(param.name);
    if (value !== undefined && resource.get(param.name) === undefined) {
      resource.params.set(param.name, { name: param.name, value, loc: param.loc, append: false, source: scope.source });
    }
  }
}

function evaluateDefault(param: Parameter, scope: Scope, ev: Evaluator, subject: string, resource: CompiledResource): Value {
  try {
    return ev.evaluate(param.value!, scope);
  } catch (error) {
    if (!(error instanceof UnevaluatedParameter)) throw error;
    throw new PapplyError(`${subject}: default expression for $${param.name} tries to illegally access not yet evaluated $${error.name}`, resource.loc);
  }
}

export function evaluateDefine(resource: CompiledResource, definition: ResourceTypeDefinition, ev: Evaluator): void {
  resource.evaluated = true;
  const declaring = resource.scope ?? ev.topScope;
  const scope = new Scope('define', declaring, enclosingOf(declaring), resource, definition.name.toLowerCase());
  ev.inheritScopeTags(resource);
  scope.vars.set('title', resource.title);
  scope.vars.set('name', resource.get('name') ?? resource.title);
  scope.vars.set('module_name', ev.loader.moduleOf(definition));
  scope.vars.set('caller_module_name', declaring.lookup('module_name').value ?? '');
  bindResourceParameters(resource, definition.params, scope, ev, resource.ref);
  try {
    evaluateBody(() => ev.evaluateBlock(definition.body.body, scope));
  } catch (error) {
    throw error instanceof PapplyError && resource.loc ? inDefineBody(error, resource.loc) : error;
  }
}

/**
 * Puppet evaluates a define's body after the statement that declared it, and reports a failure
 * there at the declaration (its line only), naming where in the body it happened.
 */
function inDefineBody(error: PapplyError, declaration: SourceLocation): PapplyError {
  const inner = error.location ? ` (file: ${error.location.file}, line: ${error.location.line}, column: ${error.location.column})` : '';
  return new PapplyError(`Evaluation Error: ${error.message}${inner}`, declaration, { cause: error });
}

/** Node definitions: exact name first, then regexes in order, then `default`. */
export function findNodeDefinition(
  nodes: NodeDefinition[],
  nodeName: string,
): { definition: NodeDefinition; name: string; match?: (string | undefined)[] } | undefined {
  const wanted = nodeName.toLowerCase();
  for (const definition of nodes) {
    for (const match of definition.matches) {
      const text = match.kind === 'String' ? match.value : match.kind === 'QualifiedName' ? match.name : undefined;
      if (text !== undefined && text.toLowerCase() === wanted) return { definition, name: text.toLowerCase() };
    }
  }
  for (const definition of nodes) {
    for (const match of definition.matches) {
      if (match.kind !== 'Regex') continue;
      const found = new PRegexp(match.pattern).regexp.exec(nodeName);
      if (found) {
        // Puppet's name for a regex node: the pattern without characters outside [-\w:.].
        return { definition, name: `__node_regexp__${match.pattern.toLowerCase().replace(/[^-\w:.]/g, '').replace(/^\.+/, '')}`, match: [...found] };
      }
    }
  }
  for (const definition of nodes) {
    if (definition.matches.some((m) => m.kind === 'Default')) return { definition, name: 'default' };
  }
  return undefined;
}

export function evaluateNode(nodes: NodeDefinition[], ev: Evaluator): void {
  if (nodes.length === 0) return;
  const found = findNodeDefinition(nodes, ev.nodeName);
  if (!found) throw new PapplyError(`Could not find node statement with name 'default' or '${ev.nodeName}'`, nodes[0]!.loc);
  const resource = new CompiledResource('Node', found.name, 'unknown', ev.topScope, found.definition.loc, false);
  resource.tag('node', found.name);
  ev.builder.mergeCatalogTags(resource);
  ev.builder.add(resource, ev.mainResource);
  ev.builder.addClass(found.name);
  const scope = new Scope('node', ev.topScope, ev.topScope, resource, 'node');
  scope.vars.set('title', found.name);
  scope.vars.set('name', found.name);
  ev.nodeScope = scope;
  // A regex node's match is $0..$n in its body.
  if (found.match) scope.pushMatch(found.match);
  // Puppet's finish_evaluation before the body: the node takes Class[main]'s tags first.
  ev.inheritScopeTags(resource);
  resource.evaluated = true;
  ev.evaluateBlock(found.definition.body.body, scope);
}
