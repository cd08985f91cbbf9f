// The `pacemaker` provider of `service`: `service { 'haproxy': ensure => running, provider =>
// pacemaker }` means Pacemaker runs it where it should, and papply returns when the cluster's
// status says so. The cluster work is in service-control.ts; this class maps Puppet's service
// provider API (status/start/stop/restart, enabled/enable/disable) onto it.
//
// Name → resource: `x` or `p_x` (and its clone/promotable parent). ensure running/stopped:
// start/stop with the asymmetric-cluster semantics described in service-control.ts. enable:
// meta is-managed. Refresh events restart. The wait's timeout comes from the service's `timeout`
// (seconds, when the type has it) or --pacemaker-timeout, then the CIB (op, then op_defaults, as
// Pacemaker resolves it), the agent's OCF metadata, then 60 s; --debug shows which. Works on the
// live cluster and on --cib-file (crm_simulate plays the cluster).
// Waits run concurrently: start and stop write the CIB and hand the wait to the engine
// (completeLater), which goes on with independent resources and comes back before anything that
// depends on the service. On the live cluster the change itself is queued too: changes asked
// for while a patch is being written go into the next one (service-cib-writer.ts). The waiting
// services share one status reader (service-status-feed.ts), and what a service logs is held
// until its wait is taken, so output follows run order.

import type { ApplyContext } from '../framework/context.js';
import { registerApplyOption } from '../framework/options.js';
import { registerProvider } from '../framework/registry.js';
import { Provider, type Confine } from '../framework/provider.js';
import type { AttributeValue } from '../framework/type.js';
import { cibBatch } from './cib-batch.js';
import { OcfMetadataCache } from './ocf-metadata.js';
import { PacemakerServiceControl, UnknownServiceResourceError, DEFAULT_POLL_INTERVAL_MS, type PendingWait } from './service-control.js';
import { ServiceCibWriter } from './service-cib-writer.js';
import { ClusterStatusFeed } from './service-status-feed.js';
import type { CibSession } from '../../backends/cib/index.js';

registerApplyOption({
  flags: '--pacemaker-timeout <seconds>',
  description: 'how long pacemaker services wait for the cluster (default: CIB op timeout, agent metadata, then 60)',
  parse: (value) => Number(value),
});
registerApplyOption({
  flags: '--pacemaker-location-score <score>',
  description: 'score of the <rsc>-on-<node> location a pacemaker service start adds (default 0)',
});

const METADATA_KEY = Symbol('papply.ocf-metadata');
const LOCAL_NODE_KEY = Symbol('papply.pacemaker-local-node');
const STATUS_FEED_KEY = Symbol('papply.pacemaker-status-feed');
const WRITER_KEY = Symbol('papply.pacemaker-service-writer');

function metadataCache(context: ApplyContext): OcfMetadataCache {
  let cache = context.cache.get(METADATA_KEY) as OcfMetadataCache | undefined;
  if (!cache) context.cache.set(METADATA_KEY, (cache = new OcfMetadataCache(context.transport)));
  return cache;
}

/** One status reader per run, shared by every waiting service. */
function statusFeed(context: ApplyContext, env: Record<string, string>): ClusterStatusFeed {
  let feed = context.cache.get(STATUS_FEED_KEY) as ClusterStatusFeed | undefined;
  if (!feed) context.cache.set(STATUS_FEED_KEY, (feed = new ClusterStatusFeed(context.transport, env, DEFAULT_POLL_INTERVAL_MS)));
  return feed;
}

/** One coalescing writer of service changes per run (on the run's CIB session). */
function serviceWriter(context: ApplyContext, session: CibSession): ServiceCibWriter {
  let writer = context.cache.get(WRITER_KEY) as ServiceCibWriter | undefined;
  if (!writer) context.cache.set(WRITER_KEY, (writer = new ServiceCibWriter(session)));
  return writer;
}

/** The cluster's name for this node (`crm_node -n`); papply's node name on a CIB file. */
function localNode(context: ApplyContext, simulated: boolean): Promise<string> {
  let cached = context.cache.get(LOCAL_NODE_KEY) as Promise<string> | undefined;
  if (!cached) {
    cached = simulated
      ? Promise.resolve(context.nodeName)
      : context.transport.run('crm_node', ['-n']).then((result) => (result.exitCode === 0 && result.stdout.trim()) || context.nodeName);
    context.cache.set(LOCAL_NODE_KEY, cached);
  }
  return cached;
}

export class PacemakerServiceProvider extends Provider {
  static override readonly providerName = 'pacemaker';
  static readonly confine: Confine = { commands: ['cibadmin', 'crm_resource', 'crm_simulate'] };
  static readonly features = ['refreshable', 'enableable'];

  private controlling?: Promise<PacemakerServiceControl>;
  /** While an action runs: the control's log lines, shown when it ends (see act). */
  private held?: Array<['debug' | 'info' | 'notice' | 'warning', string]>;

  private control(): Promise<PacemakerServiceControl> {
    this.controlling ??= (async () => {
      const session = await cibBatch(this.context).session();
      const options = this.context.options as { pacemakerTimeout?: number; pacemakerLocationScore?: string };
      const manifestTimeout = this.resource.type.attributes.has('timeout') ? Number(this.resource.get('timeout')) : NaN;
      const timeoutSeconds = Number.isFinite(manifestTimeout) && manifestTimeout > 0 ? manifestTimeout : options.pacemakerTimeout;
      return new PacemakerServiceControl(this.resource.name, {
        transport: this.context.transport,
        session,
        localNode: await localNode(this.context, session.backend.kind === 'file'),
        owner: this.resource.ref,
        metadata: metadataCache(this.context),
        statusFeed: statusFeed(this.context, session.backend.env),
        writer: serviceWriter(this.context, session),
        manifestTimeoutMs: timeoutSeconds !== undefined && Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : undefined,
        locationScore: options.pacemakerLocationScore,
        log: (level, message) => (this.held ? this.held.push([level, message]) : this.resource.log(level, message)),
        progress: (report) => this.context.progress(report, this.resource),
      });
    })();
    return this.controlling;
  }

  /** The resource must exist in the CIB: a service cannot create it (cs_primitive does). */
  override async exists(): Promise<boolean> {
    (await this.control()).resolve();
    return true;
  }

  async status(): Promise<'running' | 'stopped'> {
    const control = await this.control();
    try {
      return (await control.isRunning()) ? 'running' : 'stopped';
    } catch (error) {
      // In noop the cs_* resources that would create it were not written: report it stopped.
      if (!(error instanceof UnknownServiceResourceError) || !(this.context.noop || this.resource.noop)) throw error;
      this.resource.debug(`${error.message} (noop: assuming it would be created)`);
      return 'stopped';
    }
  }

  async start(): Promise<void> {
    await this.act((control) => control.requestStart());
  }

  async stop(): Promise<void> {
    await this.act((control) => control.requestStop());
  }

  async restart(): Promise<void> {
    await this.act((control) => control.requestRestart());
  }

  /**
   * Writes the change, then lets the engine go on while the cluster acts (completeLater). The
   * control's lines are held meanwhile and shown when the engine takes the outcome, so they
   * appear in run order whatever the timing.
   */
  private async act(request: (control: PacemakerServiceControl) => Promise<PendingWait>): Promise<void> {
    const control = await this.control();
    this.held = [];
    try {
      await this.completeLater((await request(control)).done);
    } finally {
      const lines = this.held;
      this.held = undefined;
      for (const [level, message] of lines) this.resource.log(level, message);
    }
  }

  async enabled(): Promise<'true' | 'false'> {
    const control = await this.control();
    await control.refreshModel();
    try {
      return control.isManaged() ? 'true' : 'false';
    } catch (error) {
      if (!(error instanceof UnknownServiceResourceError) || !(this.context.noop || this.resource.noop)) throw error;
      return 'true';
    }
  }

  async enable(): Promise<void> {
    await (await this.control()).setManaged(true);
  }

  async disable(): Promise<void> {
    await (await this.control()).setManaged(false);
  }

  override async get(property: string): Promise<AttributeValue> {
    if (property === 'ensure') return this.status();
    if (property === 'enable') return this.enabled();
    return super.get(property);
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    const wanted = String(value);
    if (property === 'ensure') {
      await (wanted === 'running' || wanted === 'true' ? this.start() : this.stop());
      return;
    }
    if (property === 'enable') {
      await (wanted === 'true' ? this.enable() : this.disable());
      return;
    }
    throw new Error(`the pacemaker provider of service cannot manage '${property}'`);
  }
}

registerProvider('service', PacemakerServiceProvider);
