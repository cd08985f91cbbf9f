// What `service { 'x': provider => pacemaker }` does to the cluster, independent of the engine:
// find the resource the service means, change the CIB (through the CIB backend's patch machinery)
// and wait until the cluster's status section says the service is where it should be.
//
// Asymmetric cluster (symmetric-cluster=false) semantics, the seed of this design:
//  - start: clean up this node's failures of the resource, remove `cli-ban-*` constraints that
//    keep it off this node, allow it here with the location `<rsc>-on-<node>` (score 0 unless
//    told), set target-role Started; then wait until it runs (a primitive or group: somewhere on a
//    live node; a clone: on this node).
//  - stop: a clone is banned from this node (`cli-ban-<rsc>-on-<node>`, as `crm_resource --ban`
//    names it) and we wait for it to stop here; anything else gets target-role Stopped and we wait
//    for it to stop everywhere.
//  - enable/disable: meta is-managed true/false.
// How long to wait, first that applies: the manifest's timeout, the CIB's timeout as Pacemaker
// resolves it (the op, then op_defaults: service-timeout.ts), the agent's recommended timeout
// (OCF metadata: Pacemaker itself would use its built-in 20 s here), DEFAULT_TIMEOUT_MS; plus
// SCHEDULING_ALLOWANCE_MS for the cluster to schedule the action, so Pacemaker's own verdict on
// an operation that times out is seen before we give up.
// With a CIB file there is no cluster: crm_simulate executes the transitions into the file.

import { PapplyError } from '../../errors.js';
import type { CibPrimitive, CibResource, CibSession, CommitResult, DesiredItem } from '../../backends/cib/index.js';
import { childrenNamed } from '../../backends/cib/index.js';
import type { Transport } from '../../backends/transport.js';
import type { ProgressReport } from '../framework/context.js';
import { describeFailures, describeObservations, judge, type DesiredState, type Judgement, type OperationRecord, type ResourceScope } from './lrm-status.js';
import { agentSpec, type OcfMetadataCache } from './ocf-metadata.js';
import type { ServiceCibWriter } from './service-cib-writer.js';
import { ClusterStatusFeed } from './service-status-feed.js';
import { cibActionTimeout } from './service-timeout.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const SCHEDULING_ALLOWANCE_MS = 5_000;
export const DEFAULT_POLL_INTERVAL_MS = 250;
/** A fresh failure with nothing pending for this long ends the wait early (Pacemaker gave up). */
const FAILURE_SETTLE_MS = 3_000;
const MAX_SIMULATION_ROUNDS = 10;

export type ServiceAction = 'start' | 'stop';

export interface ServiceControlOptions {
  transport: Transport;
  /** The run's CIB session (CIB file or live cluster). */
  session: CibSession;
  /** The node papply acts for: clones are started/stopped here, `<rsc>-on-<node>` names it. */
  localNode: string;
  /** Owner of the CIB changes in reports, e.g. `Service[haproxy]`. */
  owner: string;
  metadata: OcfMetadataCache;
  /** Timeout the manifest gives (takes precedence over everything else). */
  manifestTimeoutMs?: number;
  /** Score of the `<rsc>-on-<node>` location added on start; default '0'. */
  locationScore?: string;
  pollIntervalMs?: number;
  /** The run's shared status reader (one read per interval for all waiting services); else each wait reads alone. */
  statusFeed?: ClusterStatusFeed;
  /**
   * The run's coalescing writer (live cluster): start and stop then return before their change is
   * written, and the write is part of the wait. Without it (and on a CIB file) they write first.
   */
  writer?: ServiceCibWriter;
  log: (level: 'debug' | 'info' | 'notice' | 'warning', message: string) => void;
  progress?: (report: ProgressReport) => void;
}

export interface ResolvedService {
  /** The primitive the service name designates. */
  primitive: CibPrimitive;
  /** The resource that gets target-role, is-managed and location constraints (top-most container). */
  unit: CibResource;
  /** Primitive ids whose LRM status counts (a group's members, else the one primitive). */
  statusIds: string[];
  scope: 'cluster' | 'local';
  promotable: boolean;
}

/** A CIB change made; the cluster is acting on it and `done` settles when the wait ends (see beginWait). */
export interface PendingWait {
  done: Promise<Judgement>;
}

/** How long a wait may take and where that figure came from (shown in debug output). */
export interface TimeoutChoice {
  ms: number;
  source: string;
}

/** One service's resource in the cluster: resolve, observe, start/stop/restart, (un)manage, wait. */
export class PacemakerServiceControl {
  private resolved?: ResolvedService;
  private ownFeed?: ClusterStatusFeed;

  constructor(
    readonly name: string,
    private readonly options: ServiceControlOptions,
  ) {}

  private get session(): CibSession {
    return this.options.session;
  }

  private get simulated(): boolean {
    return this.session.backend.kind === 'file';
  }

  /** `x` → primitive `x` or `p_x` (or a clone/group named so), with its clone/promotable parent. */
  resolve(): ResolvedService {
    if (this.resolved) return this.resolved;
    const { resources } = this.session.model;
    const candidates = [this.name, `p_${this.name}`];
    const found = candidates.map((id) => resources.get(id)).find((resource) => resource !== undefined);
    if (!found) {
      const existing = [...resources.values()].filter((r) => r.parent === undefined).map((r) => r.id).sort();
      throw new UnknownServiceResourceError(
        `no Pacemaker resource '${candidates.join("' or '")}' for service ${this.name} in the ${this.session.backend.describe()}; ` +
          `existing resources: ${existing.length > 0 ? existing.join(', ') : 'none'}`,
      );
    }
    let unit: CibResource = found;
    while (unit.parent !== undefined) unit = resources.get(unit.parent) ?? unit;
    const statusIds = primitivesUnder(unit, resources);
    const primitive = (found.kind === 'primitive' ? found : resources.get(statusIds[0] ?? '')) as CibPrimitive | undefined;
    if (!primitive || primitive.kind !== 'primitive') throw new PapplyError(`Pacemaker resource ${found.id} holds no primitive`);
    const promotable = unit.kind === 'clone' && unit.promotable;
    this.resolved = { primitive, unit, statusIds, scope: unit.kind === 'clone' ? 'local' : 'cluster', promotable };
    return this.resolved;
  }

  private scopeOf(service: ResolvedService): ResourceScope {
    return { primitives: service.statusIds, scope: service.scope, localNode: this.options.localNode };
  }

  private get feed(): ClusterStatusFeed {
    return (this.ownFeed ??= this.options.statusFeed ?? new ClusterStatusFeed(this.options.transport, this.session.backend.env, this.pollInterval));
  }

  private get pollInterval(): number {
    return this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  /** Reads the status section now and judges the service against `desired`. */
  async observe(desired: DesiredState): Promise<Judgement> {
    const service = this.resolve();
    return judge(await this.feed.read(), this.scopeOf(service), desired);
  }

  async isRunning(): Promise<boolean> {
    return (await this.observe('running')).reached;
  }

  /** Re-reads the CIB configuration (someone may have changed it since the run's read). */
  async refreshModel(): Promise<void> {
    await this.session.refresh();
    this.resolved = undefined;
  }

  /** is-managed of the resource (default true). */
  isManaged(): boolean {
    const { unit } = this.resolve();
    return (unit.meta['is-managed'] ?? 'true') !== 'false';
  }

  /**
   * Per primitive and action (a group runs its members one after the other; a promotable clone is
   * started then promoted): the CIB's timeout as Pacemaker resolves it (service-timeout.ts: op,
   * then op_defaults), else the agent's recommended one; their sum, or the default when one is
   * unknown. The manifest's timeout overrides all of it.
   */
  async timeoutFor(action: ServiceAction): Promise<TimeoutChoice> {
    const { manifestTimeoutMs } = this.options;
    if (manifestTimeoutMs !== undefined) return { ms: manifestTimeoutMs, source: 'the manifest' };
    const service = this.resolve();
    const primitives = service.statusIds
      .map((id) => this.session.model.resources.get(id))
      .filter((r): r is CibPrimitive => r?.kind === 'primitive');
    const actions = action === 'start' && service.promotable ? ['start', 'promote'] : [action];
    let total = 0;
    const sources: string[] = [];
    const agents: string[] = [];
    for (const primitive of primitives) {
      const agent = agentSpec(primitive.class, primitive.provider, primitive.type);
      for (const name of actions) {
        const fromCib = cibActionTimeout(this.session.model, primitive, name);
        const fromAgent = fromCib ? undefined : (await this.options.metadata.actionTimeouts(agent)).get(name);
        if (!fromCib && fromAgent === undefined) return { ms: DEFAULT_TIMEOUT_MS, source: 'the default' };
        total += fromCib?.ms ?? fromAgent!;
        if (fromCib) sources.push(fromCib.source);
        else agents.push(agent);
      }
    }
    if (primitives.length === 0) return { ms: DEFAULT_TIMEOUT_MS, source: 'the default' };
    if (agents.length > 0) sources.push(`the OCF metadata of ${[...new Set(agents)].join(', ')}`);
    return { ms: total, source: [...new Set(sources)].join(' + ') };
  }

  /** Start and stop place the service on this node: it must be one of the cluster's nodes. */
  private clusterNode(): string {
    const node = this.options.localNode;
    // Configured nodes, and nodes the status knows (remote nodes may only be there).
    const { nodes, status } = this.session.model;
    const known = [...new Set([...nodes.map((n) => n.uname), ...(status ? childrenNamed(status, 'node_state').map((n) => n.attributes.uname ?? '') : [])])];
    if (known.length > 0 && !known.includes(node)) {
      throw new PapplyError(
        `this node '${node}' is not a node of the ${this.session.backend.describe()} (its nodes: ${known.join(', ')}); ` +
          'run papply on a cluster node, or give its name with --node-name',
      );
    }
    return node;
  }

  /** Starts and waits until the service runs. */
  async start(): Promise<Judgement> {
    return (await this.requestStart()).done;
  }

  /** Writes the start to the CIB; the wait for the cluster goes on in the returned `done`. */
  async requestStart(): Promise<PendingWait> {
    const service = this.resolve();
    const node = this.clusterNode();
    await this.cleanupLocalFailures(service);
    const items: DesiredItem[] = [
      ...this.banRemovals(service),
      {
        kind: 'location',
        owner: this.options.owner,
        id: `${service.unit.id}-on-${node}`,
        rsc: service.unit.id,
        node,
        score: this.options.locationScore ?? '0',
      },
      this.meta(service, 'target-role', 'Started'),
    ];
    return this.beginWait('running', 'start', (await this.write(items, `start ${service.unit.id}`)).pending);
  }

  /** Stops and waits until the service is stopped (here for a clone, everywhere otherwise). */
  async stop(): Promise<Judgement> {
    return (await this.requestStop()).done;
  }

  /** Writes the stop to the CIB; the wait for the cluster goes on in the returned `done`. */
  async requestStop(): Promise<PendingWait> {
    const service = this.resolve();
    const node = this.clusterNode();
    const item: DesiredItem =
      service.scope === 'local'
        ? { kind: 'location', owner: this.options.owner, id: `cli-ban-${service.unit.id}-on-${node}`, rsc: service.unit.id, node, score: '-INFINITY' }
        : this.meta(service, 'target-role', 'Stopped');
    return this.beginWait('stopped', 'stop', (await this.write([item], `stop ${service.unit.id}`)).pending);
  }

  async restart(): Promise<Judgement> {
    return (await this.requestRestart()).done;
  }

  /** Stops and waits (the service is down as briefly as today), then writes the start; waits in `done`. */
  async requestRestart(): Promise<PendingWait> {
    await this.stop();
    return this.requestStart();
  }

  async setManaged(managed: boolean): Promise<void> {
    const service = this.resolve();
    await this.commit([this.meta(service, 'is-managed', managed ? 'true' : 'false')], `${managed ? 'manage' : 'unmanage'} ${service.unit.id}`);
  }

  private meta(service: ResolvedService, name: string, value: string): DesiredItem {
    return { kind: 'meta', owner: this.options.owner, resource: service.unit.id, name, value };
  }

  /** `cli-ban-*` constraints that keep the resource (or its primitive) off this node. */
  private banRemovals(service: ResolvedService): DesiredItem[] {
    const ids = new Set([service.unit.id, service.primitive.id, ...service.statusIds]);
    const removals: DesiredItem[] = [];
    for (const constraint of this.session.model.constraints.values()) {
      if (constraint.kind !== 'rsc_location' || !constraint.id.startsWith('cli-ban-')) continue;
      if (constraint.rsc !== undefined && ids.has(constraint.rsc) && constraint.node === this.options.localNode) {
        removals.push({ kind: 'absent', owner: this.options.owner, what: 'constraint', id: constraint.id });
      }
    }
    return removals;
  }

  private async cleanupLocalFailures(service: ResolvedService): Promise<void> {
    const before = await this.observe('running');
    const local = before.failures.filter((failure) => failure.node === this.options.localNode);
    if (local.length === 0) return;
    this.options.log('debug', `cleaning up ${local.length} failed operation(s) of ${service.unit.id} on ${this.options.localNode}: ${describeFailures(local).join('; ')}`);
    const result = await this.options.transport.run(
      'crm_resource',
      ['--cleanup', '--resource', service.unit.id, '--node', this.options.localNode],
      { env: this.session.backend.env },
    );
    if (result.exitCode !== 0) this.options.log('warning', `crm_resource --cleanup failed: ${result.stderr.trim()}`);
  }

  private async commit(items: DesiredItem[], what: string): Promise<void> {
    await this.session.refresh();
    this.reportCommit(await this.session.commit(items), what);
    if (this.simulated) await this.simulateTransitions();
  }

  /**
   * The change written now, or (live cluster with the run's writer) queued: then it resolves at
   * once with the write still `pending`, which the wait awaits first.
   */
  private async write(items: DesiredItem[], what: string): Promise<{ pending?: Promise<void> }> {
    const writer = this.options.writer;
    if (!writer || this.simulated) {
      await this.commit(items, what);
      return {};
    }
    const pending = writer.write(items).then((result) => this.reportCommit(result, what));
    // The wait takes its outcome; a failure before that must not count as unhandled.
    pending.catch(() => {});
    return { pending };
  }

  private reportCommit(result: CommitResult, what: string): void {
    // A coalesced patch holds other services' changes too: each reports its own.
    for (const note of result.notes) if (note.owner === undefined || note.owner === this.options.owner) this.options.log('debug', `CIB: ${note.line}`);
    if (result.changed) this.options.log('debug', `${what}: CIB epoch ${result.versionBefore.epoch} -> ${result.versionAfter.epoch}`);
  }

  /** CIB file: crm_simulate plays the cluster, executing transitions until nothing is left to do. */
  private async simulateTransitions(): Promise<void> {
    const file = this.session.backend.cibFile!;
    for (let round = 0; round < MAX_SIMULATION_ROUNDS; round++) {
      const result = await this.options.transport.run('crm_simulate', ['--xml-file', file, '--in-place', '--quorum', '1']);
      if (result.exitCode !== 0) throw new PapplyError(`crm_simulate on ${file} failed: ${result.stderr.trim() || result.stdout.trim()}`);
      const actions = result.stdout.split('\n').filter((line) => /^\s*\* (Resource action|Pseudo action|Cluster action)/.test(line));
      if (actions.length === 0) break;
      this.options.log('debug', `crm_simulate executed: ${actions.map((line) => line.replace(/^\s*\*\s*/, '').replace(/\s+/g, ' ')).join('; ')}`);
    }
    await this.session.refresh();
  }

  /** Polls the status section until `desired`, a settled failure, or the timeout. */
  async waitFor(desired: DesiredState, action: ServiceAction): Promise<Judgement> {
    return (await this.beginWait(desired, action)).done;
  }

  /**
   * Chooses the timeout and says so now; the polling runs in `done` (after `written`, a change
   * still being written), which resolves when `desired` is reached and rejects with a
   * ServiceWaitError on a settled failure or the timeout (or the write's error).
   */
  async beginWait(desired: DesiredState, action: ServiceAction, written?: Promise<void>): Promise<PendingWait> {
    const service = this.resolve();
    const timeout = await this.timeoutFor(action);
    const where = service.scope === 'local' ? `on ${this.options.localNode}` : 'in the cluster';
    const what = `${service.unit.id} to be ${desired} ${where}`;
    this.options.log('debug', `waiting for ${what}: timeout ${timeout.ms / 1000}s from ${timeout.source} (+${SCHEDULING_ALLOWANCE_MS / 1000}s scheduling allowance)`);
    // The timeout runs from when the change is in the CIB.
    const done = written ? written.then(() => this.poll(service, desired, action, timeout, what)) : this.poll(service, desired, action, timeout, what);
    // Whoever asked awaits `done`; until then an early failure must not count as unhandled.
    done.catch(() => {});
    return { done };
  }

  private async poll(service: ResolvedService, desired: DesiredState, action: ServiceAction, timeout: TimeoutChoice, what: string): Promise<Judgement> {
    const limit = timeout.ms + SCHEDULING_ALLOWANCE_MS;
    const started = Date.now();
    const startedSeconds = Math.floor(started / 1000) - 1;
    let failingSince: number | undefined;
    for (;;) {
      // A CIB file changes only through crm_simulate, already run: one read tells.
      const status = this.simulated ? await this.feed.read() : await this.feed.next();
      const judgement = judge(status, this.scopeOf(service), desired);
      const elapsedMs = Date.now() - started;
      if (judgement.reached) {
        this.options.log('debug', `${what}: reached after ${elapsedMs} ms (${describeObservations(judgement.observations)})`);
        return judgement;
      }
      // A clone is judged here only: other nodes' failures do not end its wait.
      const fresh = judgement.failures.filter(
        (failure) => isFreshFailure(failure, startedSeconds, this.simulated) && (service.scope === 'cluster' || failure.node === this.options.localNode),
      );
      const pending = judgement.observations.some((o) => o.alive && o.pendingOperation);
      failingSince = fresh.length > 0 && !pending ? (failingSince ?? Date.now()) : undefined;
      if (failingSince !== undefined && (Date.now() - failingSince >= FAILURE_SETTLE_MS || this.simulated)) {
        throw new ServiceWaitError(`${action} of ${service.unit.id} failed`, what, judgement, fresh, elapsedMs);
      }
      if (elapsedMs >= limit || this.simulated) {
        throw new ServiceWaitError(`timed out after ${Math.round(elapsedMs / 1000)}s (timeout ${timeout.ms / 1000}s from ${timeout.source}) waiting for ${what}`, what, judgement, judgement.failures, elapsedMs);
      }
      this.options.progress?.({ what, elapsedMs, timeoutMs: limit, detail: describeObservations(judgement.observations) });
    }
  }
}

/** The service names no resource of the CIB (the message lists those that exist). */
export class UnknownServiceResourceError extends PapplyError {
  override readonly name = 'UnknownServiceResourceError';
}

/** A wait that ended without the desired state: says what each node showed and why ops failed. */
export class ServiceWaitError extends PapplyError {
  constructor(
    headline: string,
    readonly what: string,
    readonly judgement: Judgement,
    readonly failures: readonly OperationRecord[],
    readonly elapsedMs: number,
  ) {
    const failed = describeFailures(failures);
    super(`${headline}; seen: ${describeObservations(judgement.observations)}${failed.length > 0 ? `; ${failed.join('; ')}` : ''}`);
    this.name = 'ServiceWaitError';
  }
}

/** A failure recorded since the action began (crm_simulate's clock is the file's, so all count there). */
function isFreshFailure(failure: OperationRecord, sinceSeconds: number, simulated: boolean): boolean {
  return simulated || failure.lastRcChange === undefined || failure.lastRcChange >= sinceSeconds;
}

function primitivesUnder(resource: CibResource, resources: ReadonlyMap<string, CibResource>): string[] {
  switch (resource.kind) {
    case 'primitive':
      return [resource.id];
    case 'group':
      return resource.members.flatMap((id) => {
        const member = resources.get(id);
        return member ? primitivesUnder(member, resources) : [];
      });
    case 'clone': {
      const child = resource.child === undefined ? undefined : resources.get(resource.child);
      return child ? primitivesUnder(child, resources) : [];
    }
  }
}
