// What the cluster says is running: the CIB status section (node_state / lrm_rsc_op), read the way
// the scheduler reads it. Only nodes that are alive count; each resource's history on a node is
// replayed in call-id order to get its current state there, and failed operations are kept with
// Pacemaker's exit reason so a failing start can be reported as the agent explained it.

import { XMLParser } from 'fast-xml-parser';

export type ResourceState = 'running' | 'stopped' | 'promoted' | 'failed' | 'unknown';

export interface OperationRecord {
  /** lrm_rsc_op id, e.g. `d1_last_0`, `d1_monitor_10000`, `d1_last_failure_0`. */
  id: string;
  operation: string;
  callId: number;
  rcCode: number;
  /** 0 done, -1 pending, 1 cancelled, 2 timed out, 4+ errors (Pacemaker's PCMK_EXEC_*). */
  opStatus: number;
  intervalMs: number;
  exitReason: string;
  node: string;
  /** When the result last changed (seconds since the epoch), if recorded. */
  lastRcChange?: number;
}

export interface NodeResourceStatus {
  /** Resource id without clone instance suffix (`c1` for `c1:0`). */
  resource: string;
  state: ResourceState;
  /** Operation whose result is outstanding on this node (recorded as pending), if any. */
  pendingOperation?: string;
  /** Failed operations still recorded (until a cleanup), oldest first. */
  failures: OperationRecord[];
}

export interface NodeStatus {
  name: string;
  id: string;
  /** Member of the corosync membership, controller online and joined: only such nodes count. */
  alive: boolean;
  resources: Map<string, NodeResourceStatus>;
}

export interface ClusterStatus {
  nodes: NodeStatus[];
}

// Pacemaker's PCMK_OCF_* results and PCMK_EXEC_* statuses that matter here.
const OCF_SUCCESS = 0;
const OCF_NOT_RUNNING = 7;
const OCF_RUNNING_PROMOTED = 8;
const OCF_UNKNOWN = 193; // placeholder result of an operation still in flight
const EXEC_PENDING = -1;
const EXEC_DONE = 0;
const EXEC_CANCELLED = 1;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => ['node_state', 'lrm_resource', 'lrm_rsc_op'].includes(name),
});

type XmlNode = Record<string, unknown>;

function attr(node: XmlNode, name: string): string {
  const value = node[name];
  return typeof value === 'string' ? value : '';
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** in_ccm is "true"/"false" up to Pacemaker 2.1.6 and the time of joining (or "0") from 2.1.7 on. */
function isCcmMember(inCcm: string): boolean {
  return inCcm === 'true' || (/^\d+$/.test(inCcm) && Number(inCcm) > 0);
}

/** Parses a whole CIB (`cibadmin -Q`) or just its status section (`cibadmin -Q -o status`). */
export function parseClusterStatus(xml: string): ClusterStatus {
  const document = parser.parse(xml) as XmlNode;
  const status = ((document.cib as XmlNode | undefined)?.status ?? document.status) as XmlNode | undefined;
  const nodes = children(typeof status === 'object' ? status : undefined, 'node_state').map(parseNodeState);
  return { nodes };
}

function parseNodeState(state: XmlNode): NodeStatus {
  const name = attr(state, 'uname');
  const alive = isCcmMember(attr(state, 'in_ccm')) && attr(state, 'crmd') === 'online' && attr(state, 'join') === 'member';
  const resources = new Map<string, NodeResourceStatus>();
  const lrmResources = children((state.lrm as XmlNode | undefined)?.lrm_resources as XmlNode | undefined, 'lrm_resource');
  for (const lrmResource of lrmResources) {
    const resource = attr(lrmResource, 'id').replace(/:\d+$/, '');
    const ops = children(lrmResource, 'lrm_rsc_op').map((op) => parseOperation(op, name));
    const replayed = replayHistory(resource, ops);
    // Instances of a globally unique clone (c1:0, c1:1) on one node merge into one entry.
    resources.set(resource, mergeInstances(resources.get(resource), replayed));
  }
  return { name, id: attr(state, 'id'), alive, resources };
}

function parseOperation(op: XmlNode, node: string): OperationRecord {
  return {
    id: attr(op, 'id'),
    operation: attr(op, 'operation'),
    callId: Number(attr(op, 'call-id') || -1),
    rcCode: Number(attr(op, 'rc-code') || OCF_UNKNOWN),
    opStatus: Number(attr(op, 'op-status') || EXEC_PENDING),
    intervalMs: Number(attr(op, 'interval') || 0),
    exitReason: attr(op, 'exit-reason'),
    node: attr(op, 'on_node') || node,
    lastRcChange: attr(op, 'last-rc-change') ? Number(attr(op, 'last-rc-change')) : undefined,
  };
}

function isPending(op: OperationRecord): boolean {
  return op.opStatus === EXEC_PENDING || op.rcCode === OCF_UNKNOWN;
}

/** A completed operation whose result means trouble (what Pacemaker would count as a failure). */
export function isFailedOperation(op: OperationRecord): boolean {
  if (isPending(op) || op.opStatus === EXEC_CANCELLED) return false;
  if (op.opStatus !== EXEC_DONE) return true;
  switch (op.operation) {
    case 'monitor':
      // A probe may find any state; a recurring monitor finding the resource stopped is a failure.
      if (op.intervalMs === 0) return ![OCF_SUCCESS, OCF_NOT_RUNNING, OCF_RUNNING_PROMOTED].includes(op.rcCode);
      return ![OCF_SUCCESS, OCF_RUNNING_PROMOTED].includes(op.rcCode);
    case 'stop':
      return ![OCF_SUCCESS, OCF_NOT_RUNNING].includes(op.rcCode);
    default:
      return op.rcCode !== OCF_SUCCESS;
  }
}

/** State after a successful operation, or undefined when it does not change the state (notify...). */
function stateAfter(op: OperationRecord): ResourceState | undefined {
  switch (op.operation) {
    case 'start':
    case 'demote':
    case 'migrate_from':
      return 'running';
    case 'stop':
    case 'migrate_to':
      return 'stopped';
    case 'promote':
      return 'promoted';
    case 'monitor':
      if (op.rcCode === OCF_RUNNING_PROMOTED) return 'promoted';
      return op.rcCode === OCF_NOT_RUNNING ? 'stopped' : 'running';
    default:
      return undefined;
  }
}

function replayHistory(resource: string, ops: OperationRecord[]): NodeResourceStatus {
  let state: ResourceState = 'unknown';
  let pendingOperation: string | undefined;
  const failures: OperationRecord[] = [];
  const seenFailures = new Set<number>();
  const completed = ops.filter((op) => {
    if (isPending(op)) pendingOperation = op.operation;
    return !isPending(op) && op.opStatus !== EXEC_CANCELLED;
  });
  completed.sort((a, b) => a.callId - b.callId);
  for (const op of completed) {
    if (isFailedOperation(op)) {
      state = 'failed';
      // `_last_0` and `_last_failure_0` may both record the same failed call.
      if (!seenFailures.has(op.callId)) failures.push(op);
      seenFailures.add(op.callId);
      continue;
    }
    state = stateAfter(op) ?? state;
  }
  return { resource, state, pendingOperation, failures };
}

const STATE_RANK: Record<ResourceState, number> = { unknown: 0, stopped: 1, failed: 2, running: 3, promoted: 4 };

function mergeInstances(existing: NodeResourceStatus | undefined, next: NodeResourceStatus): NodeResourceStatus {
  if (!existing) return next;
  return {
    resource: next.resource,
    state: STATE_RANK[next.state] > STATE_RANK[existing.state] ? next.state : existing.state,
    pendingOperation: existing.pendingOperation ?? next.pendingOperation,
    failures: [...existing.failures, ...next.failures],
  };
}

// ---- judging a resource against what the service provider wants ------------------------------

export type DesiredState = 'running' | 'stopped';

export interface ResourceScope {
  /** Primitive ids whose LRM history counts (one for a primitive or clone, several for a group). */
  primitives: readonly string[];
  /** 'cluster': primitives, running once somewhere; 'local': clones, judged on `localNode`. */
  scope: 'cluster' | 'local';
  localNode: string;
}

export interface NodeObservation {
  node: string;
  alive: boolean;
  state: ResourceState;
  pendingOperation?: string;
}

export interface Judgement {
  reached: boolean;
  /** Per node, what was seen (every node in the status section, dead ones flagged). */
  observations: NodeObservation[];
  /** Failed operations on live nodes, with exit reasons. */
  failures: OperationRecord[];
  /** Nodes (alive) where the resource runs. */
  runningOn: string[];
}

/** Combines the states of a group's primitives on one node: running only when all run. */
function stateOnNode(node: NodeStatus, primitives: readonly string[]): { state: ResourceState; pending?: string; failures: OperationRecord[] } {
  const statuses = primitives.map((id) => node.resources.get(id));
  const failures = statuses.flatMap((status) => status?.failures ?? []);
  const pending = statuses.find((status) => status?.pendingOperation)?.pendingOperation;
  const states = statuses.map((status) => status?.state ?? 'unknown');
  let state: ResourceState;
  if (states.includes('failed')) state = 'failed';
  else if (states.every((s) => s === 'promoted')) state = 'promoted';
  else if (states.every((s) => s === 'running' || s === 'promoted')) state = 'running';
  else if (states.every((s) => s === 'stopped' || s === 'unknown')) state = states.includes('stopped') ? 'stopped' : 'unknown';
  else state = 'stopped'; // partly running group: not (yet) running as a whole
  return { state, pending, failures };
}

function isUp(state: ResourceState): boolean {
  return state === 'running' || state === 'promoted';
}

export function judge(status: ClusterStatus, resource: ResourceScope, desired: DesiredState): Judgement {
  const observations: NodeObservation[] = [];
  const failures: OperationRecord[] = [];
  const runningOn: string[] = [];
  for (const node of status.nodes) {
    const { state, pending, failures: nodeFailures } = stateOnNode(node, resource.primitives);
    observations.push({ node: node.name, alive: node.alive, state, pendingOperation: pending });
    if (!node.alive) continue;
    failures.push(...nodeFailures);
    if (isUp(state)) runningOn.push(node.name);
  }
  let reached: boolean;
  if (resource.scope === 'local') {
    const local = observations.find((o) => o.node === resource.localNode);
    const localUp = Boolean(local?.alive && isUp(local.state) && !local.pendingOperation);
    const localDown = !local || !local.alive || ((local.state === 'stopped' || local.state === 'unknown') && !local.pendingOperation);
    reached = desired === 'running' ? localUp : localDown;
  } else {
    const settled = observations.every((o) => !o.alive || !o.pendingOperation);
    reached = settled && (desired === 'running' ? runningOn.length > 0 : runningOn.length === 0 && !observations.some((o) => o.alive && o.state === 'failed'));
  }
  return { reached, observations, failures, runningOn };
}

/** One line per node, for progress and timeout messages: `node-1=running node-2(dead)=stopped`. */
export function describeObservations(observations: readonly NodeObservation[]): string {
  if (observations.length === 0) return 'no node reported';
  return observations
    .map((o) => `${o.node}${o.alive ? '' : '(offline)'}=${o.state}${o.pendingOperation ? `(${o.pendingOperation} pending)` : ''}`)
    .join(' ');
}

export function describeFailures(failures: readonly OperationRecord[]): string[] {
  return failures.map(
    (f) => `${f.operation}${f.intervalMs ? ` (every ${f.intervalMs / 1000}s)` : ''} on ${f.node} failed: rc=${f.rcCode}` +
      `${f.opStatus !== EXEC_DONE ? ` status=${f.opStatus}` : ''}${f.exitReason ? `: ${f.exitReason}` : ''}`,
  );
}
