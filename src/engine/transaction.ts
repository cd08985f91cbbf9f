// Applies resources in graph order, as Puppet's transaction does: retrieve, compare, sync (or
// report in noop), flush; refresh events along notify/subscribe edges and through containers;
// a failed resource makes its dependents skip; batched providers commit before anything that
// depends on their pending changes, and at the end.
// A provider may leave work running (Provider.completeLater: a cluster starting a service): its
// resource is then *detached* — the run goes on with what does not depend on it and resumes it,
// in run order, before anything that does (container sentinels after it wait too) and at the
// end. Output stays in a deterministic order: a detached resource says nothing until resumed.

import type { CatalogResource } from '../compiler/catalog.js';
import type { ApplyContext } from '../providers/framework/context.js';
import type { Batch, ProviderClass } from '../providers/framework/provider.js';
import type { LogLevel, Resource } from '../providers/framework/resource.js';
import { deepEqual, formatValue, type AttributeValue } from '../providers/framework/type.js';
import type { GraphNode, RelationshipGraph } from './graph.js';
import type { RunLog } from './log.js';
import type { EventStatus, ResourceEvent, ResourceStatus } from './report.js';
import { isSecretName, redactSecretKeys } from './redact.js';

interface PendingBatch {
  batch: Batch;
  members: Resource[];
  /** Nodes that must not be evaluated before the members are committed. */
  blocked: Set<GraphNode>;
}

export interface TransactionOptions {
  graph: RelationshipGraph;
  context: ApplyContext;
  statuses: Map<Resource, ResourceStatus>;
  batches: Map<ProviderClass, Batch>;
  log: RunLog;
  /** `--tags`: only resources carrying one of them are applied. */
  tags?: readonly string[];
  /** `--skip-tags`: resources carrying one of them are not applied. */
  skipTags?: readonly string[];
  /** Makes resources generated at apply time (TypeDefinition.generate) ready to evaluate, with their statuses. */
  adopt?: (entries: readonly CatalogResource[], parent: Resource) => Promise<Resource[]>;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A resource whose provider is waiting for work it started (see Provider.completeLater). */
interface Detached {
  /** The rest of its evaluation, which goes on once resumed. */
  task: Promise<void>;
  work: Promise<unknown>;
  resume: () => void;
  /** When `work` settled (time spent after that, waiting to be resumed, is not its own). */
  settledAt?: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Transaction {
  private readonly queued = new Map<GraphNode, ResourceEvent[]>();
  /** Per provider class; classes whose createBatch returned the same object share one entry. */
  private readonly pending = new Map<ProviderClass, PendingBatch>();
  readonly timings: Record<string, number> = {};
  /** Resources skipped for failed dependencies → the failed resources behind it. */
  private readonly failedDependenciesOf = new Map<Resource, string[]>();
  private readonly notifiedFailures = new Set<string>();
  /** Detached resources, in the order they detached. */
  private readonly detached = new Map<GraphNode, Detached>();
  /** Node → the resources it must not be evaluated before (it depends on them, transitively). */
  private readonly waitingOn = new Map<GraphNode, Set<GraphNode>>();
  /** Container sentinels whose turn came while something they depend on was detached. */
  private postponedSentinels: GraphNode[] = [];
  /** Per resource: time it spent detached with its work done, waiting to be resumed. */
  private readonly idleMs = new Map<Resource, number>();
  /** The run order, and the position of the node being evaluated in it. */
  private order: readonly GraphNode[] = [];
  private cursor = 0;
  /** Resource nodes evaluated so far (early ones included). */
  private readonly evaluated = new Set<GraphNode>();
  /** Batch members evaluated ahead of their turn (Batch.gathersAhead). */
  private readonly evaluatedEarly = new Set<GraphNode>();

  constructor(private readonly options: TransactionOptions) {
    const byBatch = new Map<Batch, PendingBatch>();
    for (const [providerClass, batch] of options.batches) {
      if (!byBatch.has(batch)) byBatch.set(batch, { batch, members: [], blocked: new Set() });
      this.pending.set(providerClass, byBatch.get(batch)!);
    }
  }

  async run(order: readonly GraphNode[]): Promise<void> {
    this.order = order;
    for (this.cursor = 0; this.cursor < order.length; this.cursor++) {
      const node = order[this.cursor]!;
      if (node.kind === 'resource') {
        if (this.evaluatedEarly.has(node)) continue;
        await this.resumeDependencies(node);
        await this.evaluate(node);
        this.evaluated.add(node);
      } else if (this.isWaiting(node)) this.postponedSentinels.push(node);
      else this.passEventsThrough(node);
    }
    await this.resume([...this.detached.keys()]);
    this.passPostponedSentinels();
    for (const pending of new Set(this.pending.values())) await this.commit(pending);
  }

  private isWaiting(node: GraphNode): boolean {
    return [...(this.waitingOn.get(node) ?? [])].some((source) => this.detached.has(source));
  }

  /** Before `node` is evaluated: everything it depends on has finished, and its events have passed. */
  private async resumeDependencies(node: GraphNode): Promise<void> {
    const sources = this.waitingOn.get(node);
    if (!sources) return;
    await this.resume([...this.detached.keys()].filter((source) => sources.has(source)));
    this.passPostponedSentinels();
  }

  private passPostponedSentinels(): void {
    // Kept in run order; one whose sources have all finished has every predecessor done.
    const still: GraphNode[] = [];
    for (const sentinel of this.postponedSentinels) {
      if (this.isWaiting(sentinel)) still.push(sentinel);
      else this.passEventsThrough(sentinel);
    }
    this.postponedSentinels = still;
  }

  /** Evaluates a resource until it finishes or its provider detaches. */
  private async evaluate(node: GraphNode): Promise<void> {
    const detachedSignal = this.armDetach(node);
    await this.followUntilDetached(node, this.evaluateResource(node), detachedSignal);
  }

  /** The provider's detach hook for the next stretch of evaluation; resolves when it is called. */
  private armDetach(node: GraphNode): Promise<Omit<Detached, 'task'>> {
    return new Promise((signal) => {
      node.resource!.provider.detach = (work) => {
        // Its outcome is taken when the resource is resumed (completeLater rethrows it there).
        work.catch(() => {});
        return new Promise<void>((resume) => signal({ work, resume }));
      };
    });
  }

  private async followUntilDetached(node: GraphNode, task: Promise<void>, detachedSignal: Promise<Omit<Detached, 'task'>>): Promise<void> {
    const detached = await Promise.race([task.then(() => undefined), detachedSignal]);
    if (!detached) {
      node.resource!.provider.detach = undefined;
      return;
    }
    const entry: Detached = { task, ...detached };
    const markSettled = () => (entry.settledAt = performance.now());
    detached.work.then(markSettled, markSettled);
    this.detached.set(node, entry);
    for (const dependent of this.options.graph.dependentsOf(node)) {
      const sources = this.waitingOn.get(dependent) ?? new Set<GraphNode>();
      sources.add(node);
      this.waitingOn.set(dependent, sources);
    }
  }

  /**
   * Resumes detached resources in the order they detached, each once its work is done, round
   * after round until none of `nodes` is detached any more (a resumed resource may detach again,
   * e.g. the restart of a refresh after its start).
   */
  private async resume(nodes: GraphNode[]): Promise<void> {
    let round = nodes;
    while (round.length > 0) {
      for (const node of round) {
        const entry = this.detached.get(node)!;
        await entry.work.catch(() => {});
        const resource = node.resource!;
        this.idleMs.set(resource, (this.idleMs.get(resource) ?? 0) + (performance.now() - (entry.settledAt ?? performance.now())));
        this.detached.delete(node);
        const detachedSignal = this.armDetach(node);
        entry.resume();
        await this.followUntilDetached(node, entry.task, detachedSignal);
      }
      round = round.filter((node) => this.detached.has(node));
    }
  }

  private status(resource: Resource): ResourceStatus {
    return this.options.statuses.get(resource)!;
  }

  private takeEvents(node: GraphNode): ResourceEvent[] {
    const events = this.queued.get(node) ?? [];
    this.queued.delete(node);
    return events;
  }

  /** Events travel along callback edges (notify, subscribe, containment) to their targets. */
  private queueEvents(node: GraphNode, events: readonly ResourceEvent[]): void {
    if (events.length === 0) return;
    for (const edge of this.options.graph.outgoing.get(node)!) {
      if (!edge.callback) continue;
      const list = this.queued.get(edge.target) ?? [];
      list.push(...events);
      this.queued.set(edge.target, list);
    }
  }

  /** Container sentinels (whits) forward what reached them, as one `restarted` event. */
  private passEventsThrough(node: GraphNode): void {
    const events = this.takeEvents(node);
    if (events.length === 0) return;
    const status: EventStatus = events.some((event) => event.status === 'success') ? 'success' : 'noop';
    // Puppet's containers answer refresh too; in noop they say what they would have done.
    if (status === 'noop' && node.kind === 'completed') {
      this.options.log.notice(`Would have triggered 'refresh' from ${plural(events.length, 'event')}`, node.ref);
    }
    this.queueEvents(node, [{ name: 'restarted', message: `${node.ref} received events`, status, time: new Date().toISOString() }]);
  }

  private tagsOf(resource: Resource): Set<string> {
    return new Set([...resource.tags, resource.type.name, ...[resource.meta.tag ?? []].flat().map(String)].map((t) => t.toLowerCase()));
  }

  /** `--tags`: carries one of them; `--skip-tags`: carries none of those. */
  private isTagged(resource: Resource): boolean {
    const tags = this.tagsOf(resource);
    const wanted = this.options.tags ?? [];
    const skipped = this.options.skipTags ?? [];
    if (skipped.some((tag) => tags.has(tag.toLowerCase()))) return false;
    return wanted.length === 0 || wanted.some((tag) => tags.has(tag.toLowerCase()));
  }

  /**
   * The failed resources this one depends on: failed direct dependencies (through container
   * sentinels) plus what made skipped dependencies skip, as Puppet's propagate_failure.
   */
  private failedDependencies(node: GraphNode): string[] {
    const failed = new Set<string>();
    const seen = new Set<GraphNode>();
    const visit = (current: GraphNode) => {
      for (const { source } of this.options.graph.incoming.get(current)!) {
        if (seen.has(source)) continue;
        seen.add(source);
        if (source.kind !== 'resource') {
          visit(source);
          continue;
        }
        const status = this.status(source.resource!);
        if (status.failed || status.failed_to_restart) failed.add(source.ref);
        for (const ref of this.failedDependenciesOf.get(source.resource!) ?? []) failed.add(ref);
      }
    };
    visit(node);
    return [...failed];
  }

  private async evaluateResource(node: GraphNode): Promise<void> {
    const resource = node.resource!;
    const status = this.status(resource);
    if (status.failed) {
      // Its provider could not prefetch (reported once for the provider); named here, as Puppet does.
      resource.warning('Skipping because provider prefetch failed');
      this.takeEvents(node);
      return;
    }
    if (!this.isTagged(resource)) {
      status.skipped = true;
      this.takeEvents(node);
      resource.debug(`Not tagged with ${(this.options.tags ?? []).join(', ')} or tagged with ${(this.options.skipTags ?? []).join(', ')}`);
      return;
    }
    const ownBatch = this.pending.get(resource.provider.constructor as ProviderClass);
    for (const pending of new Set(this.pending.values())) {
      // A member of the same batch is committed together with what it depends on (one CIB patch
      // holds a primitive and its constraints, in dependency-safe order): no commit in between.
      if (pending.blocked.has(node) && pending !== ownBatch) {
        if (pending.batch.gathersAhead) await this.gatherAhead(pending);
        await this.commit(pending);
      }
    }
    const failedDependencies = this.failedDependencies(node);
    if (failedDependencies.length > 0) {
      this.failedDependenciesOf.set(resource, failedDependencies);
      // Each failed resource is named once per run, by its first skipped dependent (as Puppet).
      for (const dependency of failedDependencies.filter((ref) => !this.notifiedFailures.has(ref))) {
        this.notifiedFailures.add(dependency);
        resource.notice(`Dependency ${dependency} has failures: true`);
      }
      resource.warning('Skipping because of failed dependencies');
      status.skipped = true;
      status.failed_dependencies = true;
      this.takeEvents(node);
      return;
    }
    const started = performance.now();
    try {
      await this.syncResource(resource, status);
    } catch (error) {
      status.failed = true;
      resource.err(`Could not evaluate: ${errorMessage(error)}`);
    }
    if (!status.failed) await this.refreshIfNotified(node, resource, status);
    else this.takeEvents(node);
    const generatedChanges = status.failed ? [] : await this.evaluateGenerated(resource);
    const seconds = (performance.now() - started - (this.idleMs.get(resource) ?? 0)) / 1000;
    status.evaluation_time = seconds;
    this.timings[resource.type.name] = (this.timings[resource.type.name] ?? 0) + seconds;

    const changes = status.events.filter((event) => event.status !== 'failure');
    const providerClass = resource.provider.constructor as ProviderClass;
    const pending = this.pending.get(providerClass);
    if (pending && changes.length > 0 && !status.failed) {
      pending.members.push(resource);
      for (const dependent of this.options.graph.dependentsOf(node)) pending.blocked.add(dependent);
    }
    if (generatedChanges.length === 0) this.queueEvents(node, changes);
    else {
      // The resource became a container of what it generated: its targets get one event, as from a container.
      const all = [...changes, ...generatedChanges];
      this.queueEvents(node, [{ name: 'restarted', message: `${resource.ref} received events`, status: all.some((event) => event.status === 'success') ? 'success' : 'noop', time: new Date().toISOString() }]);
    }
  }

  /** Evaluates what the resource's type generates at apply time (file recurse); returns their changes. */
  private async evaluateGenerated(resource: Resource): Promise<ResourceEvent[]> {
    const generate = resource.type.definition.generate;
    if (!generate || !this.options.adopt) return [];
    let children: Resource[];
    try {
      children = await this.options.adopt(await generate(resource), resource);
    } catch (error) {
      this.status(resource).failed = true;
      resource.err(`Failed to generate additional resources: ${errorMessage(error)}`);
      return [];
    }
    const changes: ResourceEvent[] = [];
    for (const child of children) {
      const status = this.status(child);
      if (!this.isTagged(child)) {
        status.skipped = true;
        continue;
      }
      try {
        await this.syncResource(child, status);
      } catch (error) {
        status.failed = true;
        child.err(`Could not evaluate: ${errorMessage(error)}`);
      }
      changes.push(...status.events.filter((event) => event.status !== 'failure'));
    }
    return changes;
  }

  private async syncResource(resource: Resource, status: ResourceStatus): Promise<void> {
    const provider = resource.provider;
    const noop = resource.noop;
    let properties = resource.managedProperties();
    if (properties.includes('ensure')) {
      const is = await provider.get('ensure');
      const should = resource.get('ensure');
      // Creating or removing is one change; the other properties follow from create().
      if (!this.insync(resource, 'ensure', is, should)) properties = ['ensure'];
      else if (should === 'absent') properties = [];
      else properties = properties.filter((name) => name !== 'ensure');
    } else if (resource.type.isEnsurable && properties.length > 0 && !(await provider.exists())) {
      resource.debug("Nothing to manage: no ensure and the resource doesn't exist");
      properties = [];
    }
    let changed = false;
    for (const property of properties) {
      const is = await provider.get(property);
      const should = resource.get(property);
      if (this.insync(resource, property, is, should)) continue;
      status.out_of_sync = true;
      status.out_of_sync_count += 1;
      const attribute = resource.type.attributes.get(property)!;
      const source = `${resource.path}/${property}`;
      // Sensitive values never reach the log or the report (Puppet's `[redacted]`), nor do values
      // of secret-named properties or hash keys (src/engine/redact.ts).
      const redacted = (resource.catalogEntry.sensitive_parameters?.includes(property) ?? false) || isSecretName(property);
      const event: ResourceEvent = {
        property,
        previous_value: redacted ? '[redacted]' : redactSecretKeys(is ?? 'absent'),
        desired_value: redacted ? '[redacted]' : redactSecretKeys(should),
        message: '',
        name: property === 'ensure' ? (should === 'absent' ? 'resource_removed' : is === 'absent' || is === undefined ? 'resource_created' : 'ensure_changed') : `${property}_changed`,
        status: 'success',
        time: new Date().toISOString(),
      };
      const format = (value: AttributeValue) => (redacted ? '[redacted]' : (attribute.format ?? formatValue)(redactSecretKeys(value), resource));
      if (noop) {
        event.status = 'noop';
        event.message = `current_value ${format(is ?? 'absent')}, should be ${format(should)} (noop)`;
        await attribute.showChange?.(is, should, resource);
        this.options.log.log(this.levelOf(resource), event.message, source);
        status.events.push(event);
        continue;
      }
      try {
        await attribute.showChange?.(is, should, resource);
        await this.syncProperty(resource, property, is, should);
        event.message = redacted
          ? `changed [redacted] to [redacted]`
          : (attribute.changeMessage?.(is, should, resource) ?? this.changeMessage(property, is, should, format));
        this.options.log.log(this.levelOf(resource), event.message, source);
        status.events.push(event);
        status.changed = true;
        status.change_count += 1;
        changed = true;
      } catch (error) {
        event.status = 'failure';
        event.message = `change from ${format(is ?? 'absent')} to ${format(should)} failed: ${errorMessage(error)}`;
        this.options.log.err(event.message, source);
        status.events.push(event);
        status.failed = true;
        // As Puppet, the other properties are still synced.
      }
    }
    if (!changed) return;
    try {
      await provider.flush();
    } catch (error) {
      // Nothing recorded by the setters reached the system.
      for (const event of status.events) if (event.status === 'success') event.status = 'failure';
      status.changed = false;
      status.change_count = 0;
      throw error;
    }
  }

  /** The `loglevel` metaparameter (default notice) for a resource's change messages. */
  private levelOf(resource: Resource): LogLevel {
    const level = String(resource.meta.loglevel ?? 'notice');
    return (['debug', 'info', 'notice', 'warning', 'err'] as const).find((known) => known === level) ?? 'notice';
  }

  private insync(resource: Resource, property: string, is: AttributeValue, should: AttributeValue): boolean {
    const attribute = resource.type.attributes.get(property)!;
    if (attribute.insync) return attribute.insync(is ?? 'absent', should, resource);
    if (property === 'ensure') {
      if (should === 'present') return is !== 'absent' && is !== undefined;
      return String(is ?? 'absent') === String(should);
    }
    return deepEqual(is, should);
  }

  private async syncProperty(resource: Resource, property: string, is: AttributeValue, should: AttributeValue): Promise<void> {
    const provider = resource.provider;
    if (property !== 'ensure') return provider.set(property, should);
    if (should === 'absent') return provider.destroy();
    if (is === 'absent' || is === undefined) return provider.create();
    return provider.set('ensure', should);
  }

  private changeMessage(property: string, is: AttributeValue, should: AttributeValue, format: (value: AttributeValue) => string): string {
    if (property === 'ensure') {
      if (is === 'absent' || is === undefined) return 'created';
      if (should === 'absent') return 'removed';
      return `ensure changed ${format(is)} to ${format(should)}`;
    }
    if (is === 'absent' || is === undefined) return `defined '${property}' as ${format(should)}`;
    if (should === 'absent') return `undefined '${property}' from ${format(is)}`;
    return `${property} changed ${format(is)} to ${format(should)}`;
  }

  private async refreshIfNotified(node: GraphNode, resource: Resource, status: ResourceStatus): Promise<void> {
    const events = this.takeEvents(node);
    if (events.length === 0) return;
    const time = new Date().toISOString();
    if (resource.noop || events.every((event) => event.status === 'noop')) {
      if (!resource.type.definition.refresh) return;
      resource.notice(`Would have triggered 'refresh' from ${plural(events.length, 'event')}`);
      this.queueEvents(node, [{ name: 'restarted', message: 'would have been restarted', status: 'noop', time }]);
      return;
    }
    const refresh = resource.type.definition.refresh;
    if (!refresh) return;
    try {
      await refresh(resource);
      resource.notice(`Triggered 'refresh' from ${plural(events.length, 'event')}`);
      status.restarted = true;
      this.queueEvents(node, [{ name: 'restarted', message: 'restarted', status: 'success', time }]);
    } catch (error) {
      status.failed_to_restart = true;
      status.failed = true;
      resource.err(`Failed to call refresh: ${errorMessage(error)}`);
    }
  }

  /** Evaluates now the later members of the batch whose dependencies are all done, for one commit. */
  private async gatherAhead(pending: PendingBatch): Promise<void> {
    for (let index = this.cursor + 1; index < this.order.length; index++) {
      const node = this.order[index]!;
      if (node.kind !== 'resource' || this.evaluatedEarly.has(node)) continue;
      if (this.pending.get(node.resource!.provider.constructor as ProviderClass) !== pending || !this.dependenciesDone(node)) continue;
      this.evaluatedEarly.add(node);
      await this.evaluate(node);
      this.evaluated.add(node);
    }
  }

  /**
   * Whether everything `node` depends on has finished, through container sentinels; a sentinel
   * still holding events for its contents (a refresh) is not passed yet, so it does not count.
   */
  private dependenciesDone(node: GraphNode, seen = new Set<GraphNode>()): boolean {
    for (const { source } of this.options.graph.incoming.get(node)!) {
      if (seen.has(source)) continue;
      seen.add(source);
      if (source.kind === 'resource') {
        if (!this.evaluated.has(source) || this.detached.has(source)) return false;
      } else if ((this.queued.get(source)?.length ?? 0) > 0 || !this.dependenciesDone(source, seen)) return false;
    }
    return true;
  }

  /** Commits a batch's pending members; a failed commit fails them all. */
  private async commit(pending: PendingBatch): Promise<void> {
    const members = pending.members.splice(0);
    pending.blocked.clear();
    if (members.length === 0) return;
    try {
      await pending.batch.commit(members);
    } catch (error) {
      const message = errorMessage(error);
      for (const member of members) {
        const status = this.status(member);
        status.failed = true;
        status.changed = false;
        status.change_count = 0;
        for (const event of status.events) event.status = 'failure';
        member.err(message);
      }
    }
  }
}
