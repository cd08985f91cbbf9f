// The provider side of the CIB backend, shared by every cs_* type: one CIB session (one read) per
// run, and one batch that turns the changed cs_* resources into ONE patch when committed.
// Provider names: `cibpatch` (default); `crm` and `pcs` are aliases so manifests that pick
// puppet-corosync's providers still work — all three write the same patches.

import { CibSession, describeAction, type DesiredItem } from '../../backends/cib/index.js';
import type { CibModel } from '../../backends/cib/index.js';
import type { ApplyContext } from '../framework/context.js';
import { registerApplyOption } from '../framework/options.js';
import { Provider, type Batch, type Confine, type ProviderClass } from '../framework/provider.js';
import type { Resource } from '../framework/resource.js';
import type { AttributeValue } from '../framework/type.js';
import { redactText, secretValuesOf } from '../../engine/redact.js';

registerApplyOption({
  flags: '--cib-file <file>',
  description: 'apply cs_* resources to this Pacemaker CIB file (created when missing) instead of the live cluster',
});
registerApplyOption({
  flags: '--nodes <list>',
  description: 'nodes of a CIB file created by --cib-file (comma separated; default node-1,node-2,node-3)',
  parse: (value) => value.split(',').map((node) => node.trim()).filter(Boolean),
});

const BATCH_KEY = Symbol('papply.cib-batch');

/** Every change of a run's cs_* resources goes through this one batch (and one session). */
export class CibBatch implements Batch {
  private opened?: Promise<CibSession>;
  /** Items of noop commits so far (what the run would have written). */
  private readonly previewed: DesiredItem[] = [];

  /**
   * The CIB only declares: a primitive or constraint written before its turn changes nothing a
   * manifest can observe but its own service's start, while one patch per service (wrappers
   * interleave primitives and services) costs a CIB write and a transition each.
   */
  readonly gathersAhead = true;

  constructor(private readonly context: ApplyContext) {}

  /** The run's session: opened (and the CIB read) once, on first use. */
  session(): Promise<CibSession> {
    const { cibFile, nodes } = this.context.options as { cibFile?: string; nodes?: string[] };
    this.opened ??= CibSession.open({
      transport: this.context.transport,
      cibFile,
      nodes,
      debug: (message) => this.context.log('debug', message),
    });
    return this.opened;
  }

  async commit(members: readonly Resource[]): Promise<void> {
    const noop = members.filter((member) => this.context.noop || member.noop);
    const real = members.filter((member) => !noop.includes(member));
    if (real.length > 0) await this.apply(real, false);
    if (noop.length > 0) await this.apply(noop, true);
  }

  private async apply(members: readonly Resource[], noop: boolean): Promise<void> {
    const session = await this.session();
    const items = members.flatMap((member) => (member.provider as CibProvider).desiredItems());
    // A noop run writes nothing, so later previews build on what earlier ones would have written.
    const result = await session.commit(noop ? [...this.previewed, ...items] : items, { noop });
    const earlier = new Set(this.previewed.map((item) => item.owner));
    if (noop) this.previewed.push(...items);
    // Sensitive values and secret-named parameters are sent, never shown (patch and notes alike).
    const secrets = members.flatMap((member) => secretValuesOf(member.catalogEntry.parameters, member.catalogEntry.sensitive_parameters));
    const shown = (text: string) => (secrets.length > 0 ? redactText(text, secrets) : text);
    if (result.patch) this.context.log('debug', `CIB patch${noop ? ' (not sent, noop)' : ''}:\n${shown(result.patch.trimEnd())}`);
    const byRef = new Map(members.map((member) => [member.ref, member]));
    for (const note of result.notes) {
      if (note.owner !== undefined && earlier.has(note.owner)) continue;
      const owner = note.owner === undefined ? undefined : byRef.get(note.owner);
      if (owner) owner.log(noop ? 'notice' : 'info', `CIB: ${shown(note.line)}`);
      else this.context.log(noop ? 'notice' : 'info', `CIB: ${shown(note.line)}`);
    }
    for (const warning of result.warnings) this.context.log('debug', `crm_verify: ${warning}`);
    for (const problem of result.agentProblems ?? []) this.context.log('warning', problem);
    if (noop) {
      const actions = result.transition ?? [];
      this.context.log('notice', actions.length === 0
        ? 'Pacemaker would change nothing that runs'
        : `Pacemaker would: ${actions.map(describeAction).join('; ')}`);
    } else if (result.changed) {
      this.context.log('info', `CIB patch applied to the ${session.backend.describe()} (epoch ${result.versionBefore.epoch} -> ${result.versionAfter.epoch}${result.attempts > 1 ? `, after ${result.attempts} attempts` : ''})`);
    }
  }
}

export function cibBatch(context: ApplyContext): CibBatch {
  let batch = context.cache.get(BATCH_KEY) as CibBatch | undefined;
  if (!batch) context.cache.set(BATCH_KEY, (batch = new CibBatch(context)));
  return batch;
}

/**
 * Base of the cs_* providers: prefetch fills `current` from the run's one CIB read; create,
 * destroy and property changes only mark the resource changed — the batch writes the patch.
 */
export abstract class CibProvider extends Provider {
  static override readonly providerName: string = 'cibpatch';
  static readonly confine: Confine = { commands: ['cibadmin', 'crm_verify', 'crm_simulate'] };

  static createBatch(context: ApplyContext): Batch {
    return cibBatch(context);
  }

  static async prefetch(resources: readonly Resource[], context: ApplyContext): Promise<void> {
    const model = (await cibBatch(context).session()).model;
    for (const resource of resources) {
      const provider = resource.provider as CibProvider;
      provider.current = provider.readCurrent(model) ?? { ensure: 'absent' };
      provider.read = { ...provider.current };
    }
  }

  /** `current` as prefetched (set() overwrites `current` with the wanted values). */
  read: Record<string, AttributeValue> = {};

  /** This resource's properties as the CIB has them; undefined when it does not exist. */
  abstract readCurrent(model: CibModel): Record<string, AttributeValue> | undefined;

  /** What the CIB should hold for this resource (ensure present). */
  protected abstract presentItems(): DesiredItem[];

  /** What removing this resource means (ensure absent). */
  protected abstract absentItems(): DesiredItem[];

  desiredItems(): DesiredItem[] {
    return this.resource.get('ensure') === 'absent' ? this.absentItems() : this.presentItems();
  }

  override async create(): Promise<void> {}
  override async destroy(): Promise<void> {}
  override async flush(): Promise<void> {}
}

/** The provider class plus its `crm` and `pcs` aliases, in preference order. */
export function withAliases(base: ProviderClass): ProviderClass[] {
  const aliases = ['crm', 'pcs'].map((name) => {
    const Alias = class extends (base as unknown as new (...args: ConstructorParameters<ProviderClass>) => Provider) {};
    Object.defineProperty(Alias, 'providerName', { value: name });
    return Alias as unknown as ProviderClass;
  });
  return [base, ...aliases];
}
