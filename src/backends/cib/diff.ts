// Current configuration vs target configuration → the changes of one v2 patch, each attributed
// to the owner (Puppet resource) whose item produced it, with a one-line readable summary.
//
// Matching ignores order where Pacemaker does: nvpairs by name, operations by name and interval
// (10 = 10s = 10000ms), other elements by tag and id. A group or clone whose members (in order)
// differ is replaced as a whole; a patch applies atomically, so Pacemaker never sees it half-built.

import { durationMs, intervalToken, normalizeScore } from './ids.js';
import { isSecretName, REDACTED } from '../../engine/redact.js';
import { CONFIGURATION_PATH, RESOURCE_TAGS, isTrue } from './model.js';
import type { Target } from './desired.js';
import { childrenNamed, pathStep, type XmlElement } from './xml.js';

interface ChangeBase {
  /** The Puppet resource the change belongs to; undefined for side effects nobody owns. */
  owner?: string;
  summary: string;
}

export type CibChange =
  | (ChangeBase & { operation: 'create'; parentPath: string; position: number; element: XmlElement })
  | (ChangeBase & { operation: 'modify'; path: string; element: XmlElement; previous: Record<string, string>; attributes: Record<string, string> })
  | (ChangeBase & { operation: 'delete'; path: string; element: XmlElement });

export interface ChangeNote {
  owner?: string;
  line: string;
}

export interface ConfigurationDiff {
  /** In patch order: deletes (constraints first), modifies, creates (constraints last). */
  changes: CibChange[];
  /** Readable lines per owner, including what changed inside a replaced group or clone. */
  notes: ChangeNote[];
}

const CONTAINERS = new Set(['group', 'clone', 'master']);
const RESOURCE_SET = new Set<string>(RESOURCE_TAGS);
const CONSTRAINT_WORDS: Record<string, string> = { rsc_location: 'location', rsc_colocation: 'colocation', rsc_order: 'order', rsc_ticket: 'ticket' };

export function diffConfiguration(current: XmlElement, target: Target): ConfigurationDiff {
  const context = new DiffContext(target, current);
  context.diffElement(current, target.configuration, CONFIGURATION_PATH, '', undefined);
  return { changes: orderChanges(context.changes), notes: context.notes };
}

class DiffContext {
  readonly changes: CibChange[] = [];
  readonly notes: ChangeNote[] = [];
  private readonly ownerById = new Map<string, string>();
  private readonly currentResources = new Map<string, XmlElement>();

  constructor(private readonly target: Target, current: XmlElement, private readonly dryRun = false) {
    for (const [node, owner] of target.owners) if (node.attributes.id !== undefined) this.ownerById.set(node.attributes.id, owner);
    const collect = (node: XmlElement) => {
      for (const child of node.children) {
        if (RESOURCE_SET.has(child.name)) this.currentResources.set(child.attributes.id ?? '', child);
        collect(child);
      }
    };
    collect(current);
  }

  diffElement(current: XmlElement, wanted: XmlElement, path: string, label: string, inherited: string | undefined): void {
    const owner = this.target.owners.get(wanted) ?? inherited;
    if (!sameAttributes(current.attributes, wanted.attributes)) this.modify(path, label, current, wanted, owner);
    const { pairs, onlyCurrent, onlyWanted } = matchChildren(current.children, wanted.children);
    for (const child of onlyCurrent) this.remove(`${path}/${pathStep(child)}`, labelFor(label, child), child, owner);
    for (const [currentChild, wantedChild] of pairs) {
      this.diffElement(currentChild, wantedChild, `${path}/${pathStep(currentChild)}`, labelFor(label, currentChild), owner);
    }
    for (const child of onlyWanted) this.create(path, wanted.children.indexOf(child), label, child, this.target.owners.get(child) ?? owner);
  }

  private modify(path: string, label: string, current: XmlElement, wanted: XmlElement, owner: string | undefined): void {
    // An element keeps its id: nvpairs and ops matched by name may carry another tool's ids.
    const attributes = { ...wanted.attributes };
    if (current.attributes.id !== undefined) attributes.id = current.attributes.id;
    const summary = describeModify(label, current, attributes);
    this.record({ operation: 'modify', path, element: wanted, previous: current.attributes, attributes, owner, summary });
  }

  private remove(path: string, label: string, node: XmlElement, parentOwner: string | undefined): void {
    const id = node.attributes.id;
    const owner = (id !== undefined ? (this.target.removedBy.get(id) ?? this.ownerById.get(id)) : undefined) ?? parentOwner;
    const summary = node.name === 'nvpair' ? `- ${label} ${pairText(node)}` : `- ${topLevelWord(node) ?? `${label} ${node.name}`}`;
    this.record({ operation: 'delete', path, element: node, owner, summary: summary.replace(/ +/g, ' ') });
  }

  private create(parentPath: string, position: number, parentLabel: string, node: XmlElement, owner: string | undefined): void {
    const summary = node.name === 'nvpair'
      ? `+ ${parentLabel} ${pairText(node)}`
      : SET_NAMES.has(node.name) || node.name === 'rsc_defaults'
        ? `+ ${labelFor(parentLabel, node)} ${pairsText(node.name === 'rsc_defaults' ? { ...node, children: node.children.flatMap((set) => set.children) } : node)}`
      : RESOURCE_SET.has(node.name) || node.name in CONSTRAINT_WORDS ? `+ ${describe(node)}` : `+ ${parentLabel} ${describe(node)}`;
    this.record({ operation: 'create', parentPath, position, element: node, owner, summary: summary.replace(/ +/g, ' ').trim() });
    if (!this.dryRun && CONTAINERS.has(node.name)) this.noteMembers(node, owner);
  }

  /** A replaced container re-creates its members: say what changed in each of them, per owner. */
  private noteMembers(container: XmlElement, containerOwner: string | undefined): void {
    for (const member of childrenNamed(container, ...RESOURCE_TAGS)) {
      const id = member.attributes.id ?? '';
      const owner = this.target.owners.get(member) ?? containerOwner;
      const before = this.currentResources.get(id);
      if (!before) {
        this.notes.push({ owner, line: `+ ${describe(member)}` });
      } else if (before.name === member.name) {
        const dry = new DiffContext(this.target, before, true);
        dry.diffElement(before, member, '', id, owner);
        this.notes.push(...dry.notes);
      } else {
        this.notes.push({ owner, line: `~ ${id} becomes ${describe(member)}` });
      }
      if (CONTAINERS.has(member.name)) this.noteMembers(member, owner);
    }
  }

  private record(change: CibChange): void {
    this.changes.push(change);
    this.notes.push({ owner: change.owner, line: change.summary });
  }
}

interface Matching {
  pairs: [XmlElement, XmlElement][];
  onlyCurrent: XmlElement[];
  onlyWanted: XmlElement[];
}

function matchChildren(current: XmlElement[], wanted: XmlElement[]): Matching {
  const available = new Map<string, XmlElement[]>();
  for (const child of current) {
    const key = matchKey(child);
    available.set(key, [...(available.get(key) ?? []), child]);
  }
  const pairs: [XmlElement, XmlElement][] = [];
  const onlyWanted: XmlElement[] = [];
  for (const child of wanted) {
    const candidates = available.get(matchKey(child));
    const match = candidates?.shift();
    if (match) pairs.push([match, child]);
    else onlyWanted.push(child);
  }
  const matched = new Set(pairs.map(([currentChild]) => currentChild));
  return { pairs, onlyCurrent: current.filter((child) => !matched.has(child)), onlyWanted };
}

function matchKey(node: XmlElement): string {
  const { id, name, interval } = node.attributes;
  if (node.name === 'nvpair') return `nvpair:${name}`;
  if (node.name === 'op') return `op:${name}:${durationMs(interval) ?? interval}`;
  // Containers match only with the same members in the same order; otherwise they are replaced.
  const tag = node.name === 'master' ? 'clone' : node.name;
  if (CONTAINERS.has(node.name)) return `${tag}#${id}#${childrenNamed(node, ...RESOURCE_TAGS).map((member) => `${member.name}:${member.attributes.id}`).join(',')}`;
  return id === undefined ? node.name : `${tag}#${id}`;
}

const DURATION_ATTRIBUTES = new Set(['interval', 'timeout', 'start-delay']);
const BOOLEAN_ATTRIBUTES = new Set(['symmetrical', 'enabled', 'record-pending']);

function sameAttributes(current: Record<string, string>, wanted: Record<string, string>): boolean {
  const names = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  names.delete('id');
  for (const name of names) {
    const a = current[name];
    const b = wanted[name];
    if (a === b) continue;
    if (a === undefined || b === undefined) return false;
    if (DURATION_ATTRIBUTES.has(name) && durationMs(a) !== undefined && durationMs(a) === durationMs(b)) continue;
    if (name === 'score' && normalizeScore(a) === normalizeScore(b)) continue;
    if (BOOLEAN_ATTRIBUTES.has(name) && isTrue(a) === isTrue(b)) continue;
    return false;
  }
  return true;
}

function labelFor(parent: string, node: XmlElement): string {
  const { id, name, interval } = node.attributes;
  switch (node.name) {
    case 'instance_attributes': return `${parent} params`;
    case 'meta_attributes': return parent === 'rsc_defaults' ? parent : `${parent} meta`;
    case 'utilization': return `${parent} utilization`;
    case 'operations':
    case 'nvpair':
      return parent;
    case 'op': return `${parent} op ${name}:${intervalToken(interval ?? '0')}`;
    case 'cluster_property_set': return id === 'cib-bootstrap-options' ? 'property' : `property-set ${id}`;
    case 'rsc_defaults': return 'rsc_defaults';
    case 'rule': return `${parent} rule ${id}`;
    default:
      if (RESOURCE_SET.has(node.name) || node.name in CONSTRAINT_WORDS) return id ?? node.name;
      return parent ? `${parent} ${node.name}` : '';
  }
}

function topLevelWord(node: XmlElement): string | undefined {
  const id = node.attributes.id ?? '';
  if (RESOURCE_SET.has(node.name)) return `${node.name === 'master' ? 'ms' : node.name} ${id}`;
  if (node.name in CONSTRAINT_WORDS) return `${CONSTRAINT_WORDS[node.name]} ${id}`;
  return undefined;
}

function describeModify(label: string, current: XmlElement, attributes: Record<string, string>): string {
  if (current.name === 'nvpair') {
    const shown = (value: string | undefined) => (isSecretName(attributes.name ?? '') ? REDACTED : (value ?? ''));
    return `~ ${label} ${attributes.name}: ${shown(current.attributes.value)} -> ${shown(attributes.value)}`;
  }
  const names = [...new Set([...Object.keys(current.attributes), ...Object.keys(attributes)])].filter((name) => name !== 'id');
  const parts = names
    .filter((name) => current.attributes[name] !== attributes[name])
    .map((name) => `${name}: ${current.attributes[name] ?? '(unset)'} -> ${attributes[name] ?? '(unset)'}`);
  return `~ ${label || current.name} ${parts.join(', ')}`.replace(/ +/g, ' ');
}

function pairsText(node: XmlElement, setName?: string): string {
  const pairs = setName === undefined ? childrenNamed(node, 'nvpair') : childrenNamed(node, setName).flatMap((set) => childrenNamed(set, 'nvpair'));
  return pairs.map(pairText).join(' ');
}

/** `name=value`; values of secret-named parameters (passwords ...) are never shown. */
function pairText(pair: XmlElement): string {
  const name = pair.attributes.name ?? '';
  return `${name}=${isSecretName(name) ? REDACTED : (pair.attributes.value ?? '')}`;
}

const SET_NAMES = new Set(['instance_attributes', 'meta_attributes', 'utilization', 'cluster_property_set']);

/** crm-shell-like one-liners: `primitive vip ocf:heartbeat:IPaddr2 ip=10.0.0.1 op monitor:10s`. */
export function describe(node: XmlElement): string {
  const a = node.attributes;
  switch (node.name) {
    case 'primitive': {
      const agent = [a.class, a.provider, a.type].filter(Boolean).join(':');
      const ops = childrenNamed(node, 'operations').flatMap((ops) => childrenNamed(ops, 'op')).map((op) => `op ${op.attributes.name}:${intervalToken(op.attributes.interval ?? '0')}`);
      const meta = pairsText(node, 'meta_attributes');
      return ['primitive', a.id, agent, pairsText(node, 'instance_attributes'), meta && `meta ${meta}`, ...ops].filter(Boolean).join(' ');
    }
    case 'group':
    case 'clone':
    case 'master': {
      const meta = pairsText(node, 'meta_attributes');
      const members = childrenNamed(node, ...RESOURCE_TAGS).map((member) => member.attributes.id);
      return [node.name === 'master' ? 'ms' : node.name, a.id, ...members, meta && `meta ${meta}`].filter(Boolean).join(' ');
    }
    case 'rsc_location': {
      const rules = childrenNamed(node, 'rule').map((rule) => `rule ${rule.attributes.score ?? ''}: ${childrenNamed(rule, 'expression').map((e) => [e.attributes.attribute, e.attributes.operation, e.attributes.value].filter(Boolean).join(' ')).join(` ${rule.attributes['boolean-op'] ?? 'and'} `)}`);
      return ['location', a.id, a.rsc, a.node, a.score, a.role && `role=${a.role}`, a['resource-discovery'] && `resource-discovery=${a['resource-discovery']}`, ...rules].filter(Boolean).join(' ');
    }
    case 'rsc_colocation':
      return `colocation ${a.id} ${a.score ?? ''}: ${a.rsc}${a['rsc-role'] ? `:${a['rsc-role']}` : ''} with ${a['with-rsc']}${a['with-rsc-role'] ? `:${a['with-rsc-role']}` : ''}`;
    case 'rsc_order':
      return `order ${a.id} ${a.kind ?? a.score ?? ''}: ${a.first}${a['first-action'] ? `:${a['first-action']}` : ''} then ${a.then}${a['then-action'] ? `:${a['then-action']}` : ''}${a.symmetrical ? ` symmetrical=${a.symmetrical}` : ''}`;
    case 'nvpair':
      return pairText(node);
    case 'op':
      return `op ${a.name}:${intervalToken(a.interval ?? '0')}${Object.entries(a).filter(([k]) => !['id', 'name', 'interval'].includes(k)).map(([k, v]) => ` ${k}=${v}`).join('')}`;
    default:
      return [node.name, a.id, ...node.children.map(describe)].filter(Boolean).join(' ');
  }
}

const SECTION_RANK = ['/crm_config', '/rsc_defaults', '/op_defaults', '/nodes', '/resources', '/constraints'];

function sectionRank(path: string): number {
  const rest = path.slice(CONFIGURATION_PATH.length);
  const index = SECTION_RANK.findIndex((section) => rest.startsWith(section));
  return index === -1 ? SECTION_RANK.length : index;
}

/** Dependency-safe order: constraints are deleted before resources, created after them. */
function orderChanges(changes: CibChange[]): CibChange[] {
  const pathOf = (change: CibChange) => (change.operation === 'create' ? change.parentPath : change.path);
  const deletes = changes.filter((change) => change.operation === 'delete').sort((a, b) => sectionRank(pathOf(b)) - sectionRank(pathOf(a)));
  const modifies = changes.filter((change) => change.operation === 'modify');
  const creates = changes.filter((change) => change.operation === 'create').sort((a, b) => sectionRank(pathOf(a)) - sectionRank(pathOf(b)));
  return [...deletes, ...modifies, ...creates];
}
