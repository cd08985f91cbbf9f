// Desired state: what providers ask of the CIB, as items each tagged with its owner (the Puppet
// resource it comes from). `buildTarget` applies the items to a copy of the current configuration;
// everything no item names stays exactly as it was, so the diff only touches owned ids.

import { BOOTSTRAP_SET_ID, RSC_DEFAULTS_SET_ID, nvpairId, operationId, sanitizeId, setIds } from './ids.js';
import { RESOURCE_TAGS, configurationOf, isTrue, type CibModel, type NvMap } from './model.js';
import { childrenNamed, cloneElement, element, firstChild, type XmlElement } from './xml.js';

/** Meta attributes the service provider drives; kept unless the manifest sets them itself. */
export const SERVICE_OWNED_META = ['target-role', 'is-managed'];

/** Attributes that are XML attributes of `<op>`; any other key goes into the op's instance_attributes. */
const OP_ATTRIBUTES = new Set(['description', 'start-delay', 'interval-origin', 'timeout', 'enabled', 'record-pending', 'role', 'requires', 'on-fail']);

export interface DesiredOperation {
  name: string;
  interval: string;
  options: NvMap;
}

export interface DesiredRule {
  id?: string;
  score?: string;
  /** A node attribute whose value is the score (`score-attribute`), instead of `score`. */
  scoreAttribute?: string;
  booleanOp?: string;
  role?: string;
  expressions: { attribute: string; operation: string; value?: string; type?: string }[];
}

interface Owned {
  /** Who asked, e.g. `Cs_primitive[vip]`: changes and errors are reported against it. */
  owner: string;
}

export interface DesiredPrimitive extends Owned {
  kind: 'primitive';
  id: string;
  class: string;
  provider?: string;
  type: string;
  parameters: NvMap;
  operations: DesiredOperation[];
  meta: NvMap;
  utilization: NvMap;
  /** Meta keys left alone besides SERVICE_OWNED_META (puppet-corosync's unmanaged_metadata). */
  unmanagedMeta?: string[];
}

export interface DesiredGroup extends Owned {
  kind: 'group';
  id: string;
  members: string[];
  meta: NvMap;
}

export interface DesiredClone extends Owned {
  kind: 'clone';
  id: string;
  child: string;
  meta: NvMap;
  promotable: boolean;
}

export interface DesiredLocation extends Owned {
  kind: 'location';
  id: string;
  rsc: string;
  node?: string;
  score?: string;
  role?: string;
  resourceDiscovery?: string;
  rules?: DesiredRule[];
}

export interface DesiredColocation extends Owned {
  kind: 'colocation';
  id: string;
  /** Two resources: `rsc` is placed with `withRsc`. */
  rsc?: string;
  withRsc?: string;
  score: string;
  rscRole?: string;
  withRscRole?: string;
  /** More than two: one resource set, placed in this order (with one role for all, if any). */
  set?: string[];
  setRole?: string;
}

export interface DesiredOrder extends Owned {
  kind: 'order';
  id: string;
  first: string;
  then: string;
  firstAction?: string;
  thenAction?: string;
  score?: string;
  orderKind?: string;
  symmetrical?: boolean;
}

/** A cluster property (cib-bootstrap-options) or resource default; value undefined removes it. */
export interface DesiredNvpair extends Owned {
  kind: 'property' | 'rsc_default';
  name: string;
  value: string | undefined;
}

/** One meta attribute of an existing resource (the service provider's target-role, is-managed). */
export interface DesiredMeta extends Owned {
  kind: 'meta';
  resource: string;
  name: string;
  value: string | undefined;
}

export interface DesiredAbsent extends Owned {
  kind: 'absent';
  what: 'resource' | 'constraint';
  id: string;
}

export type DesiredItem =
  | DesiredPrimitive | DesiredGroup | DesiredClone
  | DesiredLocation | DesiredColocation | DesiredOrder
  | DesiredNvpair | DesiredMeta | DesiredAbsent;

export interface ItemError {
  owner: string;
  message: string;
}

export interface Target {
  configuration: XmlElement;
  /** Element → owner for every element an item wrote; changes are attributed through it. */
  owners: Map<XmlElement, string>;
  /** Resource/constraint id → owner of the item that removed it. */
  removedBy: Map<string, string>;
  /** Resource id → the group/clone an item of this batch put it in. */
  placedIn: Map<string, string>;
  errors: ItemError[];
}

const PHASES: DesiredItem['kind'][][] = [
  ['primitive'], ['group'], ['clone'], ['absent'], ['meta'], ['location', 'colocation', 'order'], ['property', 'rsc_default'],
];

/**
 * Pacemaker stores a newline in an attribute value as the two characters `\n` and a tab as spaces,
 * so such a value would neither reach the cluster verbatim nor ever compare equal on a re-run:
 * refused with a clear error (nothing is written) rather than silently altered.
 */
function refuseUnstorableText(value: unknown, key = 'value'): void {
  if (typeof value === 'string') {
    if (/[\n\r\t]/.test(value)) throw new Error(`${key} ${JSON.stringify(value)} contains a newline, carriage return or tab, which Pacemaker cannot store verbatim in the CIB`);
  } else if (Array.isArray(value)) {
    for (const entry of value) refuseUnstorableText(entry, key);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, entry] of Object.entries(value)) refuseUnstorableText(entry, name);
  }
}

export function buildTarget(current: CibModel, items: readonly DesiredItem[]): Target {
  const target: Target = {
    configuration: cloneElement(configurationOf(current.root)),
    owners: new Map(),
    removedBy: new Map(),
    placedIn: new Map(),
    errors: [],
  };
  const resources = section(target.configuration, 'resources');
  const constraints = section(target.configuration, 'constraints');
  for (const phase of PHASES) {
    for (const item of items.filter((candidate) => phase.includes(candidate.kind))) {
      try {
        refuseUnstorableText(item);
        applyItem(item, target, resources, constraints);
      } catch (error) {
        target.errors.push({ owner: item.owner, message: (error as Error).message });
      }
    }
  }
  removeEmptyContainers(resources, target);
  checkReferences(target, resources, constraints);
  return target;
}

function section(configuration: XmlElement, name: string): XmlElement {
  let found = firstChild(configuration, name);
  if (!found) {
    found = element(name);
    configuration.children.push(found);
  }
  return found;
}

function applyItem(item: DesiredItem, target: Target, resources: XmlElement, constraints: XmlElement): void {
  switch (item.kind) {
    case 'primitive': {
      const existing = findResource(resources, item.id);
      checkKind(existing, item.id, ['primitive']);
      const built = primitiveElement(item, existing?.element);
      own(target, built, item.owner);
      if (existing) replaceChild(existing.parent, existing.element, built);
      else resources.children.push(built);
      return;
    }
    case 'group':
    case 'clone': {
      const existing = findResource(resources, item.id);
      checkKind(existing, item.id, item.kind === 'group' ? ['group'] : ['clone', 'master']);
      const memberIds = item.kind === 'group' ? item.members : [item.child];
      if (new Set(memberIds).size !== memberIds.length) throw new Error(`${item.id}: a resource is listed twice`);
      for (const id of memberIds) {
        const other = target.placedIn.get(id);
        if (other !== undefined && other !== item.id) throw new Error(`${item.id}: ${id} is already placed in ${other} by this catalog`);
        target.placedIn.set(id, item.id);
      }
      const members = memberIds.map((id) => {
        const found = findResource(resources, id);
        if (!found) throw new Error(`${item.id}: resource ${id} does not exist (neither in the CIB nor created by this change)`);
        if (found.element === existing?.element || (existing && contains(found.element, existing.element))) {
          throw new Error(`${item.id}: cannot contain ${id}, which contains it`);
        }
        return found;
      });
      for (const member of members) detach(member.parent, member.element);
      const built = containerElement(item, existing?.element, members.map((member) => member.element));
      own(target, built, item.owner);
      if (existing) {
        // Former members the item no longer lists stay in the CIB, at the top level.
        for (const old of childrenNamed(existing.element, ...RESOURCE_TAGS)) {
          if (!memberIds.includes(old.attributes.id ?? '')) resources.children.push(old);
        }
        replaceChild(existing.parent, existing.element, built);
      } else {
        resources.children.push(built);
      }
      return;
    }
    case 'absent': {
      const found = item.what === 'resource' ? findResource(resources, item.id) : findChildById(constraints, item.id);
      if (found) {
        detach(found.parent, found.element);
        target.removedBy.set(item.id, item.owner);
        // Removing a clone or group keeps its members (at the top level) unless they are removed too.
        for (const member of childrenNamed(found.element, ...RESOURCE_TAGS)) resources.children.push(member);
      }
      return;
    }
    case 'meta': {
      const found = findResource(resources, item.resource);
      if (!found) throw new Error(`resource ${item.resource} does not exist in the CIB`);
      setNvpair(metaSet(found.element, target, item.owner), item.name, item.value, target, item.owner);
      return;
    }
    case 'location':
    case 'colocation':
    case 'order': {
      const built = constraintElement(item);
      own(target, built, item.owner);
      const existing = findChildById(constraints, item.id);
      if (existing) replaceChild(constraints, existing.element, built);
      else constraints.children.push(built);
      return;
    }
    case 'property': {
      const crmConfig = section(target.configuration, 'crm_config');
      let set = crmConfig.children.find((child) => child.attributes.id === BOOTSTRAP_SET_ID);
      if (!set && item.value === undefined) return;
      if (!set) {
        set = element('cluster_property_set', { id: BOOTSTRAP_SET_ID });
        own(target, set, item.owner);
        crmConfig.children.unshift(set);
      }
      setNvpair(set, item.name, item.value, target, item.owner);
      return;
    }
    case 'rsc_default': {
      if (item.value === undefined && !firstChild(target.configuration, 'rsc_defaults')) return;
      const defaults = section(target.configuration, 'rsc_defaults');
      let set = firstChild(defaults, 'meta_attributes');
      if (!set && item.value === undefined) return;
      if (!set) {
        set = element('meta_attributes', { id: RSC_DEFAULTS_SET_ID });
        if (defaults.children.length === 0) own(target, defaults, item.owner);
        own(target, set, item.owner);
        defaults.children.push(set);
      }
      setNvpair(set, item.name, item.value, target, item.owner);
      return;
    }
  }
}

/** An id names one resource: a primitive is not silently turned into a group (or back). */
function checkKind(existing: Located | undefined, id: string, allowed: readonly string[]): void {
  if (existing && !allowed.includes(existing.element.name)) {
    throw new Error(`${id} already exists in the CIB as a ${existing.element.name === 'master' ? 'promotable clone' : existing.element.name}; remove it first`);
  }
}

function own(target: Target, node: XmlElement, owner: string): void {
  target.owners.set(node, owner);
}

interface Located {
  element: XmlElement;
  parent: XmlElement;
}

/** A resource anywhere in the resources tree (top level, in a group or a clone). */
export function findResource(parent: XmlElement, id: string): Located | undefined {
  for (const child of childrenNamed(parent, ...RESOURCE_TAGS)) {
    if (child.attributes.id === id) return { element: child, parent };
    const inner = findResource(child, id);
    if (inner) return inner;
  }
  return undefined;
}

function findChildById(parent: XmlElement, id: string): Located | undefined {
  const found = parent.children.find((child) => child.attributes.id === id);
  return found && { element: found, parent };
}

function contains(ancestor: XmlElement, node: XmlElement): boolean {
  return ancestor.children.some((child) => child === node || contains(child, node));
}

function detach(parent: XmlElement, node: XmlElement): void {
  parent.children = parent.children.filter((child) => child !== node);
}

function replaceChild(parent: XmlElement, old: XmlElement, replacement: XmlElement): void {
  parent.children = parent.children.map((child) => (child === old ? replacement : child));
}

/** A clone or group left without members is meaningless (and invalid): it goes too. */
function removeEmptyContainers(parent: XmlElement, target: Target): void {
  for (const child of childrenNamed(parent, ...RESOURCE_TAGS)) {
    if (child.name === 'primitive') continue;
    removeEmptyContainers(child, target);
    if (childrenNamed(child, ...RESOURCE_TAGS).length === 0) {
      detach(parent, child);
      const id = child.attributes.id ?? '';
      if (!target.removedBy.has(id)) target.removedBy.set(id, target.owners.get(child) ?? `resource ${id}`);
    }
  }
}

/** Constraints naming resources that will not exist: Pacemaker rejects those, say which and why. */
function checkReferences(target: Target, resources: XmlElement, constraints: XmlElement): void {
  const known = new Set<string>();
  const collect = (node: XmlElement) => {
    for (const child of childrenNamed(node, ...RESOURCE_TAGS)) {
      known.add(child.attributes.id ?? '');
      collect(child);
    }
  };
  collect(resources);
  for (const tag of childrenNamed(firstChild(target.configuration, 'tags') ?? element('tags'), 'tag')) known.add(tag.attributes.id ?? '');
  for (const template of childrenNamed(resources, 'template')) known.add(template.attributes.id ?? '');
  for (const constraint of constraints.children) {
    const references = ['rsc', 'with-rsc', 'first', 'then'].map((name) => constraint.attributes[name]).filter((id): id is string => id !== undefined);
    const refs = (node: XmlElement): string[] => node.children.flatMap((child) => (child.name === 'resource_ref' ? [child.attributes.id ?? ''] : refs(child)));
    const missing = [...references, ...refs(constraint)].filter((id) => !known.has(id));
    if (missing.length === 0) continue;
    const constraintId = constraint.attributes.id ?? constraint.name;
    const owner = target.owners.get(constraint);
    for (const id of missing) {
      const removedBy = target.removedBy.get(id);
      if (owner) {
        target.errors.push({ owner, message: `constraint ${constraintId} refers to resource ${id}, which ${removedBy ? `${removedBy} removes` : 'does not exist'}` });
      } else if (removedBy) {
        target.errors.push({ owner: removedBy, message: `cannot remove ${id}: constraint ${constraintId} (not managed here) still refers to it` });
      }
    }
  }
}

function nvSet(name: string, id: string, values: NvMap): XmlElement {
  return element(name, { id }, Object.entries(values).map(([key, value]) => element('nvpair', { id: nvpairId(id, key), name: key, value })));
}

function firstSetId(existing: XmlElement | undefined, name: string, fallback: string): string {
  return (existing && firstChild(existing, name)?.attributes.id) ?? fallback;
}

/** Meta the item does not set but someone else may (target-role ...): carried over from the CIB. */
function carriedMeta(existing: XmlElement | undefined, meta: NvMap, ignored: readonly string[]): NvMap {
  const carried: NvMap = {};
  for (const set of existing ? childrenNamed(existing, 'meta_attributes') : []) {
    for (const pair of childrenNamed(set, 'nvpair')) {
      const name = pair.attributes.name ?? '';
      if (ignored.includes(name) && !(name in meta) && !(name in carried)) carried[name] = pair.attributes.value ?? '';
    }
  }
  return carried;
}

function metaChildren(id: string, existing: XmlElement | undefined, meta: NvMap, ignored: readonly string[]): XmlElement[] {
  const all = { ...meta, ...carriedMeta(existing, meta, ignored) };
  if (Object.keys(all).length === 0) return [];
  return [nvSet('meta_attributes', firstSetId(existing, 'meta_attributes', setIds.meta(id)), all)];
}

export function primitiveElement(item: DesiredPrimitive, existing?: XmlElement): XmlElement {
  const children: XmlElement[] = [];
  if (Object.keys(item.parameters).length > 0) {
    children.push(nvSet('instance_attributes', firstSetId(existing, 'instance_attributes', setIds.parameters(item.id)), item.parameters));
  }
  children.push(...metaChildren(item.id, existing, item.meta, [...SERVICE_OWNED_META, ...(item.unmanagedMeta ?? [])]));
  if (Object.keys(item.utilization).length > 0) {
    children.push(nvSet('utilization', firstSetId(existing, 'utilization', setIds.utilization(item.id)), item.utilization));
  }
  if (item.operations.length > 0) {
    children.push(element('operations', {}, item.operations.map((op) => operationElement(item.id, op))));
  }
  return element('primitive', { id: item.id, class: item.class, provider: item.provider, type: item.type }, children);
}

function operationElement(rsc: string, op: DesiredOperation): XmlElement {
  const id = operationId(rsc, op.name, op.interval);
  const attributes: Record<string, string> = { id, name: op.name, interval: op.interval };
  const parameters: NvMap = {};
  for (const [key, value] of Object.entries(op.options)) {
    if (OP_ATTRIBUTES.has(key)) attributes[key] = value;
    else parameters[key] = value;
  }
  const children = Object.keys(parameters).length > 0 ? [nvSet('instance_attributes', `${id}-instance_attributes`, parameters)] : [];
  return element('op', attributes, children);
}

function containerElement(item: DesiredGroup | DesiredClone, existing: XmlElement | undefined, members: XmlElement[]): XmlElement {
  // A promotable clone read from a legacy <master> stays a <master>: same meaning, no rewrite.
  const legacyMaster = item.kind === 'clone' && existing?.name === 'master';
  const meta: NvMap = { ...item.meta };
  if (item.kind === 'clone' && item.promotable && !legacyMaster && !isTrue(meta.promotable)) meta.promotable = 'true';
  const name = item.kind === 'group' ? 'group' : legacyMaster ? 'master' : 'clone';
  return element(name, { id: item.id }, [...metaChildren(item.id, existing, meta, SERVICE_OWNED_META), ...members]);
}

function constraintElement(item: DesiredLocation | DesiredColocation | DesiredOrder): XmlElement {
  switch (item.kind) {
    case 'location': {
      const rules = item.rules ?? [];
      const attributes = {
        id: item.id, rsc: item.rsc, role: item.role, 'resource-discovery': item.resourceDiscovery,
        node: rules.length > 0 ? undefined : item.node,
        score: rules.length > 0 ? undefined : (item.score ?? 'INFINITY'),
      };
      return element('rsc_location', attributes, rules.map((rule, index) => ruleElement(item.id, rule, index)));
    }
    case 'colocation':
      if (item.set) {
        return element('rsc_colocation', { id: item.id, score: item.score }, [
          element('resource_set', { id: `${item.id}-set`, role: item.setRole }, item.set.map((id) => element('resource_ref', { id }))),
        ]);
      }
      return element('rsc_colocation', {
        id: item.id, score: item.score, rsc: item.rsc, 'rsc-role': item.rscRole, 'with-rsc': item.withRsc, 'with-rsc-role': item.withRscRole,
      });
    case 'order':
      return element('rsc_order', {
        id: item.id, score: item.score, kind: item.orderKind, first: item.first, 'first-action': item.firstAction,
        then: item.then, 'then-action': item.thenAction, symmetrical: item.symmetrical === undefined ? undefined : String(item.symmetrical),
      });
  }
}

function ruleElement(constraintId: string, rule: DesiredRule, index: number): XmlElement {
  const id = sanitizeId(rule.id ?? `${constraintId}-rule-${index}`);
  return element('rule', { id, score: rule.score, 'score-attribute': rule.scoreAttribute, 'boolean-op': rule.booleanOp, role: rule.role }, rule.expressions.map((expression, position) =>
    element('expression', { id: `${id}-expression-${position}`, attribute: expression.attribute, operation: expression.operation, value: expression.value, type: expression.type }),
  ));
}

function metaSet(resource: XmlElement, target: Target, owner: string): XmlElement {
  let set = firstChild(resource, 'meta_attributes');
  if (!set) {
    set = element('meta_attributes', { id: setIds.meta(resource.attributes.id ?? '') });
    own(target, set, owner);
    const firstMember = resource.children.findIndex((child) => (RESOURCE_TAGS as readonly string[]).includes(child.name));
    resource.children.splice(firstMember === -1 ? resource.children.length : firstMember, 0, set);
  }
  return set;
}

function setNvpair(set: XmlElement, name: string, value: string | undefined, target: Target, owner: string): void {
  const existing = set.children.find((child) => child.name === 'nvpair' && child.attributes.name === name);
  if (value === undefined) {
    if (existing) {
      detach(set, existing);
      target.owners.set(set, target.owners.get(set) ?? owner);
    }
    return;
  }
  const pair = element('nvpair', { id: existing?.attributes.id ?? nvpairId(set.attributes.id ?? '', name), name, value });
  own(target, pair, owner);
  if (existing) replaceChild(set, existing, pair);
  else set.children.push(pair);
}
