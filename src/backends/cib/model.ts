// The typed view of a CIB read: resources, constraints, cluster properties and resource defaults,
// each keeping the element it came from and its patch path so diffs can address it.

import { childrenNamed, descend, firstChild, parseXml, pathStep, type XmlElement } from './xml.js';

export interface CibVersion {
  adminEpoch: number;
  epoch: number;
  numUpdates: number;
}

export type NvMap = Record<string, string>;

export interface CibOperation {
  id?: string;
  name: string;
  interval: string;
  /** Every attribute but id/name/interval (timeout, role, on-fail, ...), plus op-level meta nvpairs (attributes win). */
  options: NvMap;
}

interface ResourceBase {
  id: string;
  /** Resource id of the group/clone holding it, if any. */
  parent?: string;
  meta: NvMap;
  element: XmlElement;
  path: string;
}

export interface CibPrimitive extends ResourceBase {
  kind: 'primitive';
  class: string;
  provider?: string;
  type: string;
  parameters: NvMap;
  utilization: NvMap;
  operations: CibOperation[];
}

export interface CibGroup extends ResourceBase {
  kind: 'group';
  members: string[];
}

export interface CibClone extends ResourceBase {
  kind: 'clone';
  /** The primitive or group inside. */
  child?: string;
  /** `<clone>` with meta promotable=true, or a legacy `<master>`. */
  promotable: boolean;
  legacyMaster: boolean;
}

export type CibResource = CibPrimitive | CibGroup | CibClone;

export interface CibRuleExpression {
  id?: string;
  attribute: string;
  operation: string;
  value?: string;
  type?: string;
}

export interface CibRule {
  id?: string;
  score?: string;
  scoreAttribute?: string;
  booleanOp?: string;
  role?: string;
  expressions: CibRuleExpression[];
}

export interface CibLocation {
  kind: 'rsc_location';
  id: string;
  rsc?: string;
  node?: string;
  score?: string;
  role?: string;
  resourceDiscovery?: string;
  rules: CibRule[];
  element: XmlElement;
  path: string;
}

export interface CibColocation {
  kind: 'rsc_colocation';
  id: string;
  /** Members of its resource sets, in order (colocations written as a set), and the first set's role. */
  set: string[];
  setRole?: string;
  rsc?: string;
  withRsc?: string;
  rscRole?: string;
  withRscRole?: string;
  score?: string;
  element: XmlElement;
  path: string;
}

export interface CibOrder {
  kind: 'rsc_order';
  id: string;
  first?: string;
  then?: string;
  firstAction?: string;
  thenAction?: string;
  kindAttribute?: string;
  score?: string;
  symmetrical?: string;
  element: XmlElement;
  path: string;
}

export interface CibOtherConstraint {
  kind: 'other';
  id: string;
  element: XmlElement;
  path: string;
}

export type CibConstraint = CibLocation | CibColocation | CibOrder | CibOtherConstraint;

export interface CibNode {
  id: string;
  uname: string;
}

export interface CibModel {
  /** The whole document as read (configuration and status). */
  root: XmlElement;
  version: CibVersion;
  resources: Map<string, CibResource>;
  constraints: Map<string, CibConstraint>;
  /** cib-bootstrap-options nvpairs. */
  clusterProperties: NvMap;
  /** rsc_defaults meta_attributes nvpairs. */
  rscDefaults: NvMap;
  nodes: CibNode[];
  status?: XmlElement;
}

export const RESOURCE_TAGS = ['primitive', 'group', 'clone', 'master'] as const;
export const CONFIGURATION_PATH = '/cib/configuration';

export function readVersion(root: XmlElement): CibVersion {
  const number = (name: string) => Number.parseInt(root.attributes[name] ?? '0', 10) || 0;
  return { adminEpoch: number('admin_epoch'), epoch: number('epoch'), numUpdates: number('num_updates') };
}

export function formatVersion(version: CibVersion): string {
  return `${version.adminEpoch}.${version.epoch}.${version.numUpdates}`;
}

/** nvpairs of every set of a kind (instance_attributes, meta_attributes, utilization) merged, first set wins. */
export function nvpairs(parent: XmlElement, setName: string): NvMap {
  const result: NvMap = {};
  for (const set of childrenNamed(parent, setName)) {
    for (const [name, value] of Object.entries(pairsOf(set))) if (!(name in result)) result[name] = value;
  }
  return result;
}

/** The nvpairs of one attribute set. */
export function pairsOf(set: XmlElement): NvMap {
  const result: NvMap = {};
  for (const pair of childrenNamed(set, 'nvpair')) {
    const name = pair.attributes.name;
    if (name !== undefined && !(name in result)) result[name] = pair.attributes.value ?? '';
  }
  return result;
}

export function parseCib(xml: string): CibModel {
  return readModel(parseXml(xml));
}

export function readModel(root: XmlElement): CibModel {
  if (root.name !== 'cib') throw new Error(`not a CIB: root element is <${root.name}>`);
  const configuration = firstChild(root, 'configuration');
  const resources = new Map<string, CibResource>();
  const resourcesElement = configuration && firstChild(configuration, 'resources');
  if (resourcesElement) {
    for (const child of childrenNamed(resourcesElement, ...RESOURCE_TAGS)) {
      readResource(child, `${CONFIGURATION_PATH}/resources`, undefined, resources);
    }
  }
  const constraints = new Map<string, CibConstraint>();
  const constraintsElement = configuration && firstChild(configuration, 'constraints');
  for (const child of constraintsElement?.children ?? []) {
    const constraint = readConstraint(child, `${CONFIGURATION_PATH}/constraints/${pathStep(child)}`);
    if (constraint) constraints.set(constraint.id, constraint);
  }
  const crmConfig = configuration && firstChild(configuration, 'crm_config');
  const bootstrap = crmConfig?.children.find((set) => set.attributes.id === 'cib-bootstrap-options');
  const rscDefaults = configuration && firstChild(configuration, 'rsc_defaults');
  const nodes = childrenNamed(configuration ? (firstChild(configuration, 'nodes') ?? emptyElement) : emptyElement, 'node').map((node) => ({
    id: node.attributes.id ?? '',
    uname: node.attributes.uname ?? '',
  }));
  return {
    root,
    version: readVersion(root),
    resources,
    constraints,
    clusterProperties: bootstrap ? pairsOf(bootstrap) : {},
    rscDefaults: rscDefaults ? nvpairs(rscDefaults, 'meta_attributes') : {},
    nodes,
    status: firstChild(root, 'status'),
  };
}

const emptyElement: XmlElement = { name: '', attributes: {}, children: [] };

function readResource(node: XmlElement, parentPath: string, parent: string | undefined, into: Map<string, CibResource>): void {
  const id = node.attributes.id ?? '';
  const path = `${parentPath}/${pathStep(node)}`;
  const meta = nvpairs(node, 'meta_attributes');
  const base = { id, parent, meta, element: node, path };
  if (node.name === 'primitive') {
    into.set(id, {
      ...base,
      kind: 'primitive',
      class: node.attributes.class ?? '',
      provider: node.attributes.provider,
      type: node.attributes.type ?? '',
      parameters: nvpairs(node, 'instance_attributes'),
      utilization: nvpairs(node, 'utilization'),
      operations: childrenNamed(firstChild(node, 'operations') ?? emptyElement, 'op').map(readOperation),
    });
    return;
  }
  const members = childrenNamed(node, ...RESOURCE_TAGS);
  if (node.name === 'group') {
    into.set(id, { ...base, kind: 'group', members: members.map((member) => member.attributes.id ?? '') });
  } else {
    into.set(id, {
      ...base,
      kind: 'clone',
      child: members[0]?.attributes.id,
      promotable: node.name === 'master' || isTrue(meta.promotable),
      legacyMaster: node.name === 'master',
    });
  }
  for (const member of members) readResource(member, path, id, into);
}

function readOperation(op: XmlElement): CibOperation {
  const { id, name, interval, ...options } = op.attributes;
  // Pacemaker's precedence: the op's own attributes, then its meta_attributes, then (deprecated)
  // its instance_attributes.
  return { id, name: name ?? '', interval: interval ?? '0', options: { ...nvpairs(op, 'instance_attributes'), ...nvpairs(op, 'meta_attributes'), ...options } };
}

function readConstraint(node: XmlElement, path: string): CibConstraint | undefined {
  const id = node.attributes.id;
  if (id === undefined) return undefined;
  const a = node.attributes;
  switch (node.name) {
    case 'rsc_location':
      return {
        kind: 'rsc_location', id, rsc: a.rsc, node: a.node, score: a.score, role: a.role,
        resourceDiscovery: a['resource-discovery'], rules: childrenNamed(node, 'rule').map(readRule), element: node, path,
      };
    case 'rsc_colocation':
      return {
        kind: 'rsc_colocation', id, setRole: firstChild(node, 'resource_set')?.attributes.role, set: childrenNamed(node, 'resource_set').flatMap((set) => childrenNamed(set, 'resource_ref').map((ref) => ref.attributes.id ?? '')), rsc: a.rsc, withRsc: a['with-rsc'], rscRole: a['rsc-role'], withRscRole: a['with-rsc-role'],
        score: a.score, element: node, path,
      };
    case 'rsc_order':
      return {
        kind: 'rsc_order', id, first: a.first, then: a.then, firstAction: a['first-action'], thenAction: a['then-action'],
        kindAttribute: a.kind, score: a.score, symmetrical: a.symmetrical, element: node, path,
      };
    default:
      return { kind: 'other', id, element: node, path };
  }
}

function readRule(rule: XmlElement): CibRule {
  return {
    id: rule.attributes.id,
    score: rule.attributes.score,
    scoreAttribute: rule.attributes['score-attribute'],
    booleanOp: rule.attributes['boolean-op'],
    role: rule.attributes.role,
    expressions: childrenNamed(rule, 'expression').map((expression) => ({
      id: expression.attributes.id,
      attribute: expression.attributes.attribute ?? '',
      operation: expression.attributes.operation ?? '',
      value: expression.attributes.value,
      type: expression.attributes.type,
    })),
  };
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', 'yes', 'on', '1', 'y'].includes(value.toLowerCase());
}

/** The `<configuration>` element, or a clear error for a CIB without one. */
export function configurationOf(root: XmlElement): XmlElement {
  const configuration = descend(root, 'configuration');
  if (!configuration) throw new Error('CIB has no <configuration> section');
  return configuration;
}
