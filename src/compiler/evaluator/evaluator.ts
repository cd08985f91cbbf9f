// The evaluator: walks the AST with Puppet 7's semantics and builds the catalog. Each node kind
// has one evaluator function (in the files next to this one); this class holds the compile's state
// (catalog, scopes, collectors, pending relationships and overrides) and runs the compile phases
// in Puppet's order: main, node, generators (collectors + lazy defines to a fixpoint), finish.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { AttributeOp, EppTemplate, Expression, NodeDefinition, Program } from '../ast.js';
import { generalize, resolveType, typeMismatchMessage, typeOf, type TypeEnvironment } from '../types/index.js';
import { CatalogBuilder, CompiledResource, flattenValues, METAPARAMS } from '../catalog-builder.js';
import type { DataLookup } from '../functions/registry.js';
import type { Loader } from '../loader.js';
import { Scope, type AttributeValue } from '../scope.js';
import { DEFAULT, PType, type PHash, type Value } from '../values.js';
import { evaluateAccess } from './access.js';
import { evaluateArithmetic, evaluateNegate } from './arithmetic.js';
import { ControlFlowSignal, evaluateCallFunction, evaluateCallMethod, evaluateLambda } from './call.js';
import { evaluateExportedCollect } from './collector-exported.js';
import { evaluateVirtualCollect, RealizeCollector, type Collector } from './collector-virtual.js';
import { evaluateComparison, evaluateIn, evaluateMatch } from './comparison.js';
import { isKnownAttribute } from './core-attributes.js';
import { evaluateAnd, evaluateCase, evaluateIf, evaluateNot, evaluateOr, evaluateSelector, evaluateUnless } from './conditionals.js';
import { declareClass, evaluateDefine, evaluateNode, includeClasses } from './definitions.js';
import {
  evaluateArray,
  evaluateHash,
  evaluateInterpolated,
  evaluateNumber,
  evaluateQualifiedName,
  evaluateRegex,
  evaluateTypeReference,
  unfoldValue,
} from './literals.js';
import { applyRelationships, CollectorValue, evaluateRelationship, type PendingRelationship } from './relationship.js';
import { capitalizeTypeName, parseReference, refString, refTarget, type RefTarget } from './resource-ref.js';
import { evaluateResource, evaluateResourceDefaults, evaluateResourceOverride } from './resources.js';
import { formatValue } from '../value-format.js';
import { evaluateAssignment, evaluateVariable } from './variables.js';

/** The attribute whose value also names a resource (duplicates by it are errors): `name` unless listed; exec has none. */
const NAMEVARS: Record<string, string | undefined> = { file: 'path', exec: undefined };
const RELATIONSHIP_METAPARAMS = ['before', 'require', 'notify', 'subscribe'];

export interface EvaluatorOptions {
  nodeName: string;
  /** Top-scope variables: facts, `$facts`, `$trusted`, `$server_facts` ... */
  topVariables: Map<string, Value>;
  strictVariables?: boolean;
  dataLookup?: DataLookup;
  /** Called for each warning (unknown variables, ignored exports ...); collected in `warnings` too. */
  onWarning?: (message: string) => void;
}

export class Evaluator {
  readonly builder = new CatalogBuilder();
  readonly classScopes = new Map<string, Scope>();
  readonly relationships: PendingRelationship[] = [];
  readonly warnings: string[] = [];
  readonly topScope: Scope;
  nodeScope?: Scope;
  readonly stageResource: CompiledResource;
  readonly mainResource: CompiledResource;
  readonly nodeName: string;
  readonly strictVariables: boolean;
  readonly dataLookup?: DataLookup;
  /** What Hiera interpolation sees (`%{facts.x}`, `%{::x}`). */
  readonly topScopeView: { lookupVariable(name: string): Value };
  private readonly collectors: Collector[] = [];
  private readonly realizeCollectors: RealizeCollector[] = [];
  private readonly pendingOverrides: { ref: RefTarget; attributes: AttributeValue[]; loc: SourceLocation }[] = [];
  private readonly renderBuffers: string[][] = [];
  private readonly onWarning?: (message: string) => void;
  private readonly typeEnvironment: TypeEnvironment = {
    resolveAlias: (name) => this.loader.resolveTypeAlias(name, this),
    isResourceType: (name) => {
      const lower = name.toLowerCase();
      return this.loader.isResourceType(lower) || this.loader.findDefine(lower, this) !== undefined;
    },
  };

  constructor(
    readonly loader: Loader,
    options: EvaluatorOptions,
  ) {
    this.nodeName = options.nodeName;
    this.strictVariables = options.strictVariables ?? false;
    this.dataLookup = options.dataLookup;
    this.onWarning = options.onWarning;
    this.stageResource = new CompiledResource('Stage', 'main', 'compilable_type', undefined, undefined, false);
    this.stageResource.tag('stage');
    this.stageResource.params.set('name', builtinParam('name', 'main'));
    this.mainResource = new CompiledResource('Class', 'main', 'unknown', undefined, undefined, false);
    this.mainResource.tag('class');
    this.mainResource.params.set('name', builtinParam('name', 'main'));
    this.topScope = new Scope('top', undefined, undefined, this.mainResource, 'main');
    for (const [name, value] of options.topVariables) this.topScope.vars.set(name, value);
    this.topScopeView = { lookupVariable: (name) => this.lookupVariableQuietly(name, this.nodeScope ?? this.topScope) };
  }

  // ------------------------------------------------------------------ compile phases

  /** Evaluates the main program and everything it leads to; the builder then holds the catalog. */
  compile(program: Program, nodes: NodeDefinition[]): void {
    const settings = new CompiledResource('Class', 'Settings', 'unknown', undefined, undefined, false);
    settings.tag('class', 'settings');
    this.builder.add(this.stageResource, undefined);
    this.builder.add(settings, this.stageResource);
    this.builder.addClass('settings');
    this.builder.add(this.mainResource, this.stageResource);
    this.mainResource.evaluated = true;
    try {
      this.evaluateBlock(program.body, this.topScope);
      evaluateNode(nodes, this);
      this.evaluateGenerators();
    } catch (error) {
      throw error instanceof ControlFlowSignal ? error.illegal() : error;
    }
    this.finish();
  }

  /** Puppet's evaluate_generators: collectors, then unevaluated defines, until nothing changes. */
  private evaluateGenerators(): void {
    for (let pass = 0; ; pass++) {
      if (pass > 1000) throw new PapplyError('Somehow looped more than 1000 times while evaluating host catalog');
      let progressed = false;
      for (const collector of [...this.collectors]) if (collector.evaluate(this)) progressed = true;
      // Exported instances are virtual here (no storeconfigs): listed in the catalog, never evaluated.
      const unevaluated = this.builder.resources.filter((r) => r.kind === 'defined_type' && !r.evaluated && !r.virtual && !r.exported);
      for (const resource of unevaluated) {
        if (resource.evaluated) continue;
        const definition = this.loader.findDefine(resource.typeName, this);
        if (!definition) throw new PapplyError(`Cannot find definition ${resource.type}`, resource.loc);
        evaluateDefine(resource, definition, this);
        progressed = true;
      }
      if (!progressed) break;
    }
  }

  private finish(): void {
    applyRelationships(this.relationships, this);
    for (const { ref, attributes, loc } of this.pendingOverrides) {
      const resource = this.builder.find(ref.type, ref.title);
      if (!resource) throw new PapplyError(`Could not find resource(s) ${refString(ref)} for overriding`, loc);
      this.applyOverride(resource, attributes, false, loc);
    }
    for (const resource of this.builder.resources) {
      // Classes, defines and nodes took their container's tags when evaluated (Puppet's finish_evaluation
      // runs once, before their body); plain resources take them now.
      if (!resource.evaluated) this.inheritScopeTags(resource);
      this.checkAttributeNames(resource);
      if (!resource.virtual) this.checkRelationshipTargets(resource);
    }
    this.builder.propagateMetaparams(this.mainResource);
    for (const collector of this.realizeCollectors) collector.check();
  }

  // ------------------------------------------------------------------ expressions

  evaluate(node: Expression, scope: Scope): Value {
    switch (node.kind) {
      case 'Block':
        return this.evaluateBlock(node.body, scope);
      case 'String':
        return node.value;
      case 'Interpolated':
        return evaluateInterpolated(node, scope, this);
      case 'Number':
        return evaluateNumber(node);
      case 'Boolean':
        return node.value;
      case 'Undef':
        return undefined;
      case 'Default':
        return DEFAULT;
      case 'Regex':
        return evaluateRegex(node);
      case 'Array':
        return evaluateArray(node, scope, this);
      case 'Hash':
        return evaluateHash(node, scope, this);
      case 'QualifiedName':
        return evaluateQualifiedName(node);
      case 'TypeReference':
        return evaluateTypeReference(node, scope, this);
      case 'Variable':
        return evaluateVariable(node, scope, this);
      case 'Access':
        return evaluateAccess(node, scope, this);
      case 'Not':
        return evaluateNot(node, scope, this);
      case 'Negate':
        return evaluateNegate(node, scope, this);
      case 'Unfold':
        return unfoldValue(this.evaluate(node.operand, scope));
      case 'Arithmetic':
        return evaluateArithmetic(node, scope, this);
      case 'Comparison':
        return evaluateComparison(node, scope, this);
      case 'Match':
        return evaluateMatch(node, scope, this);
      case 'In':
        return evaluateIn(node, scope, this);
      case 'And':
        return evaluateAnd(node, scope, this);
      case 'Or':
        return evaluateOr(node, scope, this);
      case 'Assignment':
        return evaluateAssignment(node, scope, this);
      case 'Relationship':
        return evaluateRelationship(node, scope, this);
      case 'Parenthesized':
        return this.evaluate(node.expression, scope);
      case 'Selector':
        return evaluateSelector(node, scope, this);
      case 'If':
        return evaluateIf(node, scope, this);
      case 'Unless':
        return evaluateUnless(node, scope, this);
      case 'Case':
        return evaluateCase(node, scope, this);
      case 'Lambda':
        return evaluateLambda(node, scope, this);
      case 'CallFunction':
        return evaluateCallFunction(node, scope, this);
      case 'CallMethod':
        return evaluateCallMethod(node, scope, this);
      case 'Resource':
        return evaluateResource(node, scope, this);
      case 'ResourceDefaults':
        return evaluateResourceDefaults(node, scope, this);
      case 'ResourceOverride':
        return evaluateResourceOverride(node, scope, this);
      case 'Collect':
        return node.query.form === 'virtual' ? evaluateVirtualCollect(node, scope, this) : evaluateExportedCollect(node, scope, this);
      case 'HostClass':
      case 'Define':
      case 'Node':
      case 'FunctionDefinition':
      case 'TypeAlias':
        return undefined; // registered by the loader when the file is loaded
      case 'RenderString':
        this.currentRenderBuffer(node.loc).push(node.value);
        return undefined;
      case 'RenderExpression':
        this.currentRenderBuffer(node.loc).push(formatValue(this.evaluate(node.expression, scope)));
        return undefined;
    }
  }

  evaluateBlock(body: Expression[], scope: Scope): Value {
    let result: Value;
    for (const expression of body) result = this.evaluate(expression, scope);
    return result;
  }

  /** Renders a parsed EPP template with its own scope (top scope + the given parameters). */
  renderEpp(template: EppTemplate, args: PHash | undefined, caller: Scope, loc: SourceLocation): string {
    const scope = new Scope('local', this.topScope, this.topScope, caller.resource, caller.source);
    const given = args ?? new Map<Value, Value>();
    if (template.params) {
      for (const key of given.keys()) {
        if (!template.params.some((p) => p.name === key)) throw new PapplyError(`lambda: has no parameter named '${formatValue(key)}'`, loc); // Puppet's wording
      }
      for (const param of template.params) {
        let value: Value;
        if (given.has(param.name)) value = given.get(param.name);
        else if (param.value) value = this.evaluate(param.value, scope);
        else throw new PapplyError(`lambda: expects a value for parameter '${param.name}'`, loc); // Puppet's wording
        const type = param.type ? this.evaluate(param.type, scope) : undefined;
        const mismatch = type instanceof PType ? typeMismatchMessage('lambda', type, value, param.name) : undefined;
        if (mismatch) throw new PapplyError(mismatch, loc);
        scope.vars.set(param.name, value);
      }
    } else {
      for (const [key, value] of given) scope.vars.set(formatValue(key), value);
    }
    this.renderBuffers.push([]);
    try {
      this.evaluateBlock(template.body.body, scope);
      return this.renderBuffers[this.renderBuffers.length - 1]!.join('');
    } finally {
      this.renderBuffers.pop();
    }
  }

  private currentRenderBuffer(loc: SourceLocation): string[] {
    const buffer = this.renderBuffers[this.renderBuffers.length - 1];
    if (!buffer) throw new PapplyError('Template text outside of a template', loc);
    return buffer;
  }

  /** Attribute operations (`a => 1`, `b +> [2]`, `* => $hash`) evaluated in `scope`. */
  evaluateAttributes(operations: AttributeOp[], scope: Scope): AttributeValue[] {
    const attributes: AttributeValue[] = [];
    for (const op of operations) {
      if (op.kind === 'AttributeOperation') {
        attributes.push({ name: op.name, value: this.evaluate(op.value, scope), loc: op.loc, append: op.op === '+>', source: scope.source });
        continue;
      }
      const splat = this.evaluate(op.value, scope);
      if (!(splat instanceof Map)) throw new PapplyError(`Expected value of type Hash, got ${String(generalize(typeOf(splat)))}`, op.value.loc);
      for (const [name, value] of splat) attributes.push({ name: formatValue(name), value, loc: op.loc, append: false, source: scope.source });
    }
    return attributes;
  }

  /** A type by name: data types, then type aliases, then resource types (`File`, `Foo::Bar`). */
  resolveType(name: string, args: Value[], loc: SourceLocation): Value {
    const result = resolveType(name, args, loc, this.typeEnvironment);
    return Array.isArray(result) ? (result as Value[]) : result;
  }

  // ------------------------------------------------------------------ catalog operations

  declareClass(name: string, params: AttributeValue[] | undefined, scope: Scope, loc: SourceLocation, resourceLike: boolean): CompiledResource {
    return declareClass(name, resourceLike ? (params ?? []) : undefined, scope, loc, this);
  }

  /** `include a, b` (also require/contain): all added first, then evaluated in turn. */
  includeClasses(names: string[], scope: Scope, loc: SourceLocation): CompiledResource[] {
    return includeClasses(names, scope, loc, this);
  }

  /** Adds a resource of a built-in type or a define instance declared at `loc` (the resource expression). */
  declareResource(typeName: string, title: string, attributes: AttributeValue[], form: 'regular' | 'virtual' | 'exported', scope: Scope, loc: SourceLocation): CompiledResource {
    const definition = this.loader.findDefine(typeName, this);
    if (!definition && !this.loader.isResourceType(typeName)) throw new PapplyError(`Unknown resource type: '${typeName}'`, loc);
    if (form === 'exported') this.warn('You cannot collect exported resources without storeconfigs being set; the export is ignored', loc);
    const resource = new CompiledResource(capitalizeTypeName(typeName), title, definition ? 'defined_type' : 'compilable_type', scope, loc, form === 'exported');
    resource.virtual = form === 'virtual';
    for (const attribute of attributes) if (attribute.value !== undefined) resource.set(attribute);
    resource.tag(typeName);
    resource.tagIfValid(title);
    this.addDefaults(resource);
    // Run stages stand outside containment.
    this.builder.add(resource, typeName === 'stage' ? undefined : scope.resource);
    this.inheritScopeTags(resource);
    const namevarName = !definition && typeName in NAMEVARS ? NAMEVARS[typeName] : 'name';
    const namevar = namevarName ? resource.get(namevarName) : undefined;
    if (typeof namevar === 'string' && namevar !== title) this.builder.alias(resource, namevar);
    for (const name of flattenValues(resource.get('alias'))) if (typeof name === 'string') this.builder.aliasAs(resource, name);
    return resource;
  }

  /** A known type's resource may only have that type's attributes and metaparameters (Puppet's Resource#validate). */
  private checkAttributeNames(resource: CompiledResource): void {
    if (resource.kind !== 'compilable_type') return;
    for (const name of resource.params.keys()) {
      if (METAPARAMS.has(name) || isKnownAttribute(resource.typeName, name) !== false) continue;
      const where = resource.loc ? ` (file: ${resource.loc.file}, line: ${resource.loc.line})` : '';
      throw new PapplyError(`no parameter named '${name}'${where} on ${resource.ref}`, resource.loc);
    }
  }

  /**
   * Relationship metaparameters hold flat lists of references (as Puppet stores them), and each
   * must name a resource in the catalog.
   */
  private checkRelationshipTargets(resource: CompiledResource): void {
    for (const name of RELATIONSHIP_METAPARAMS) {
      const attribute = resource.params.get(name);
      if (!attribute || attribute.value === undefined) continue;
      if (Array.isArray(attribute.value)) resource.params.set(name, { ...attribute, value: flattenValues(attribute.value) });
      for (const value of flattenValues(attribute.value)) {
        const target = typeof value === 'string' ? parseReference(value) : refTarget(value);
        if (target && this.builder.find(target.type, target.title)) continue;
        const shown = target ? refString(target) : formatValue(value);
        throw new PapplyError(`Could not find resource '${shown}' in parameter '${name}'`, attribute.loc);
      }
    }
  }

  /** Defaults visible where the resource is declared, at that moment (later ones do not apply). */
  private addDefaults(resource: CompiledResource): void {
    const defaults = resource.scope?.lookupDefaults(resource.typeName);
    if (!defaults) return;
    for (const [name, attribute] of defaults) if (!resource.params.has(name) && attribute.value !== undefined) resource.set(attribute);
  }

  /**
   * Tags of the resource whose scope declared this one (Puppet's add_scope_tags): merged when the
   * resource is declared and again when the compile finishes (tags added by `tag()` meanwhile).
   */
  inheritScopeTags(resource: CompiledResource): void {
    const seen = new Set<CompiledResource>();
    const merge = (target: CompiledResource): void => {
      const source = target.scope?.resource;
      if (!source || source === target || seen.has(target)) return;
      seen.add(target);
      merge(source);
      target.mergeTagsFrom(source);
    };
    merge(resource);
  }

  addOverride(ref: RefTarget, attributes: AttributeValue[], loc: SourceLocation): void {
    const resource = this.builder.find(ref.type, ref.title);
    if (resource) this.applyOverride(resource, attributes, false, loc);
    else this.pendingOverrides.push({ ref, attributes, loc });
  }

  /** Merges override attributes with Puppet's permission rules; collectors may override anything. */
  applyOverride(resource: CompiledResource, attributes: AttributeValue[], fromCollector: boolean, loc?: SourceLocation): void {
    const declaredBy = resource.scope?.source ?? 'main';
    if (!fromCollector && attributes.length > 0) {
      const overrider = attributes[0]!.source;
      if (overrider !== declaredBy && !this.loader.inherits(overrider, declaredBy)) {
        throw new PapplyError('Only subclasses can override parameters', loc ?? attributes[0]!.loc);
      }
    }
    for (const attribute of attributes) {
      const current = resource.params.get(attribute.name);
      if (current && current.value !== undefined && !fromCollector && !this.loader.inherits(attribute.source, current.source)) {
        throw new PapplyError(
          `Parameter '${attribute.name}' is already set on ${resource.ref} by ${current.source} at (file: ${current.loc.file}, line: ${current.loc.line}); cannot redefine`,
          attribute.loc,
        );
      }
      const value = attribute.append && current ? flattenValues([current.value, attribute.value]) : attribute.value;
      resource.set({ ...attribute, value });
    }
  }

  addCollector(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** `realize(File['/x'])`. */
  realize(refs: RefTarget[], loc: SourceLocation): void {
    const collector = new RealizeCollector(refs, loc);
    this.realizeCollectors.push(collector);
    this.collectors.push(collector);
  }

  collectorValue(collector: Collector): Value {
    return new CollectorValue(collector);
  }

  // ------------------------------------------------------------------ variables and diagnostics

  /** Variable lookup for functions and templates: no unknown-variable warnings. */
  lookupVariableQuietly(name: string, scope: Scope): Value {
    const bare = name.replace(/^::/, '');
    const separator = bare.lastIndexOf('::');
    if (separator >= 0) return this.classScopes.get(bare.slice(0, separator).toLowerCase())?.lookupInClass(bare.slice(separator + 2)).value;
    if (name.startsWith('::')) return this.topScope.lookup(bare).value;
    return scope.lookup(bare).value;
  }

  unknownVariable(name: string, loc: SourceLocation): void {
    this.warn(`Unknown variable: '${name}'.`, loc);
  }

  warn(message: string, loc?: SourceLocation): void {
    const text = loc ? `${message} (file: ${loc.file}, line: ${loc.line}, column: ${loc.column})` : message;
    this.warnings.push(text);
    this.onWarning?.(text);
  }
}

function builtinParam(name: string, value: Value): AttributeValue {
  return { name, value, loc: { file: '', line: 0, column: 0 }, append: false, source: 'main' };
}
