// Providers: the code that reads and changes the system for a type. See ./index.ts for the guide.

import { CommandError } from '../../errors.js';
import type { CommandResult, RunOptions } from '../../backends/transport.js';
import type { ApplyContext } from './context.js';
import type { Resource } from './resource.js';
import type { AttributeValue } from './type.js';

/** When a provider can work on a node. Every listed condition must hold. */
export interface Confine {
  /** Executables that must be on the node's PATH (checked with Transport.hasCommand). */
  commands?: readonly string[];
  /** Dotted fact name (`os.family`) → allowed value(s), compared case-insensitively. */
  facts?: Readonly<Record<string, string | readonly string[]>>;
  /** Paths that must exist on the node. */
  exists?: readonly string[];
  /** Anything else: resolve `true` when suitable, else a short reason. */
  check?: (context: ApplyContext) => Promise<true | string>;
}

/**
 * Class-level commit of changes that providers of one class collect during a run (one CIB patch
 * for every cs_* resource). The engine creates one Batch per provider class per run (`createBatch`).
 */
export interface Batch {
  /**
   * Commit what providers recorded. `members` are the resources of this class that changed since
   * the last commit (also those changed in noop: check `context.noop || resource.noop` and only
   * preview then). Throw to fail every member: the error message is reported on each of them and
   * their dependents are skipped.
   */
  commit(members: readonly Resource[]): Promise<void>;
  /**
   * When set, a commit something is waiting for first takes in the batch's later members whose
   * dependencies are all done (evaluating them early), so one commit serves them all. This gives
   * up Puppet's manifest order among unrelated resources of the batch for fewer commits.
   */
  readonly gathersAhead?: boolean;
}

/** The static side of a provider class, as the engine sees it. */
export interface ProviderClass {
  new (resource: Resource, context: ApplyContext): Provider;
  readonly providerName: string;
  readonly confine?: Confine;
  /** Fact sets (any of them) for which this provider is the default; more matching facts win. */
  readonly defaultFor?: readonly Readonly<Record<string, string | readonly string[]>>[];
  /** Optional capabilities that attributes may require (`requiredFeatures`). */
  readonly features?: readonly string[];
  /**
   * Read the whole system state once for all `resources` of this provider and fill each
   * `resource.provider.current`. Default (when `instances` exists): match instances by name.
   */
  prefetch?(resources: readonly Resource[], context: ApplyContext): Promise<void>;
  /** Every instance on the system as a property hash with at least `name` (and `ensure`). */
  instances?(context: ApplyContext): Promise<Record<string, AttributeValue>[]>;
  /** Set for batched providers: the engine calls it once per run and gives the batch to every instance. */
  createBatch?(context: ApplyContext): Batch;
}

export abstract class Provider {
  static readonly providerName: string = 'unnamed';
  /** Current state read from the system (Puppet's property_hash); `undefined` = not read/absent. */
  current: Record<string, AttributeValue> | undefined;
  /** Properties set during this evaluation (for flush-based providers). */
  protected readonly changed = new Set<string>();
  /** The run's batch of this provider class (only for classes with `createBatch`). */
  batch?: Batch;
  /** Set by the engine while it evaluates this resource (see completeLater). */
  detach?: (work: Promise<unknown>) => Promise<void>;

  constructor(
    readonly resource: Resource,
    readonly context: ApplyContext,
  ) {}

  get providerName(): string {
    return (this.constructor as ProviderClass).providerName;
  }

  /** Does the resource exist? Default: `current` was read and its ensure is not `absent`. */
  async exists(): Promise<boolean> {
    return this.current !== undefined && this.current.ensure !== 'absent';
  }

  async create(): Promise<void> {
    throw new Error(`provider ${this.providerName} cannot create ${this.resource.ref}`);
  }

  async destroy(): Promise<void> {
    throw new Error(`provider ${this.providerName} cannot remove ${this.resource.ref}`);
  }

  /**
   * Current value of a property. Default: `ensure` from exists() (with `current.ensure` when it
   * is more precise, e.g. `directory`), the rest from `current`.
   */
  async get(property: string): Promise<AttributeValue> {
    if (property === 'ensure') {
      if (!(await this.exists())) return 'absent';
      const value = this.current?.ensure;
      return value === undefined || value === 'absent' ? 'present' : value;
    }
    return this.current?.[property];
  }

  /**
   * Change a property. Default: record it in `current` and `changed` for `flush()` to commit.
   * `ensure` changes between two present states (file → link, version → version) arrive here too.
   */
  async set(property: string, value: AttributeValue): Promise<void> {
    this.current = { ...(this.current ?? {}), [property]: value };
    this.changed.add(property);
  }

  /** Called once after the resource's properties were synced, when something changed. */
  async flush(): Promise<void> {}

  /**
   * For work that goes on by itself once started (the cluster starting a service after the CIB
   * change): the engine applies resources that do not depend on this one meanwhile, and comes
   * back before one that does (require/before/notify/subscribe, containment) or at the end of
   * the run. Resolves or throws with `work`'s outcome then, so what follows (the change message,
   * flush, refresh, events to dependents) happens in run order. Outside a run: just `await work`.
   */
  protected async completeLater<T>(work: Promise<T>): Promise<T> {
    if (this.detach) await this.detach(work);
    return work;
  }

  /** Runs a command through the transport; throws CommandError on a non-zero exit. */
  protected async execute(command: readonly string[], options: RunOptions & { okCodes?: readonly number[] } = {}): Promise<CommandResult> {
    const result = await this.executeUnchecked(command, options);
    const okCodes = options.okCodes ?? [0];
    if (result.timedOut || result.exitCode === undefined || !okCodes.includes(result.exitCode)) {
      throw new CommandError(
        [...command],
        result.exitCode,
        result.stdout,
        result.stderr,
        result.timedOut ? `command timed out after ${options.timeoutMs} ms: ${command.join(' ')}` : undefined,
      );
    }
    return result;
  }

  /** Runs a command through the transport and returns its result whatever the exit code. */
  protected async executeUnchecked(command: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    this.resource.debug(`Executing: '${command.join(' ')}'`);
    const [file, ...args] = command;
    return withProgress(this.context, this.resource, `'${command.join(' ')}'`, options.timeoutMs, this.context.transport.run(file!, args, options));
  }
}

/** Quiet period before a wait is reported at all: short commands print nothing. */
const PROGRESS_AFTER_MS = 5000;

/**
 * Reports `what` as a long wait (elapsed, timeout) while `pending` runs, starting after a few
 * seconds; for commands and any other promise a provider waits on.
 */
export async function withProgress<T>(context: ApplyContext, resource: Resource, what: string, timeoutMs: number | undefined, pending: Promise<T>): Promise<T> {
  const started = Date.now();
  const report = () => context.progress({ what, elapsedMs: Date.now() - started, timeoutMs }, resource);
  let interval: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    report();
    interval = setInterval(report, 1000);
  }, PROGRESS_AFTER_MS);
  try {
    return await pending;
  } finally {
    clearTimeout(delay);
    if (interval) clearInterval(interval);
  }
}

function factValue(facts: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = facts;
  for (const key of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function factMatches(facts: Record<string, unknown>, dotted: string, allowed: string | readonly string[]): boolean {
  const value = factValue(facts, dotted);
  if (value === undefined) return false;
  const candidates = typeof allowed === 'string' ? [allowed] : allowed;
  return candidates.some((candidate) => candidate.toLowerCase() === String(value).toLowerCase());
}

const suitabilityCache = new WeakMap<ApplyContext, Map<ProviderClass, string[]>>();

/** Why a provider cannot work on this node (empty when it can). Cached per run. */
export async function unsuitableReasons(provider: ProviderClass, context: ApplyContext): Promise<string[]> {
  let perRun = suitabilityCache.get(context);
  if (!perRun) suitabilityCache.set(context, (perRun = new Map()));
  const cached = perRun.get(provider);
  if (cached) return cached;
  const reasons: string[] = [];
  const confine = provider.confine ?? {};
  for (const command of confine.commands ?? []) {
    if (!(await context.transport.hasCommand(command))) reasons.push(`command '${command}' not found`);
  }
  for (const [fact, allowed] of Object.entries(confine.facts ?? {})) {
    if (!factMatches(context.facts, fact, allowed)) {
      reasons.push(`fact ${fact} is '${String(factValue(context.facts, fact) ?? 'undef')}', needs ${typeof allowed === 'string' ? allowed : allowed.join(' or ')}`);
    }
  }
  for (const path of confine.exists ?? []) {
    if (!(await context.transport.stat(path))) reasons.push(`${path} does not exist`);
  }
  if (confine.check) {
    const verdict = await confine.check(context);
    if (verdict !== true) reasons.push(verdict);
  }
  perRun.set(provider, reasons);
  return reasons;
}

/** How well a provider's defaultFor matches the facts: 0 = not a default here. */
export function defaultScore(provider: ProviderClass, facts: Record<string, unknown>): number {
  let best = 0;
  for (const set of provider.defaultFor ?? []) {
    const entries = Object.entries(set);
    if (entries.every(([fact, allowed]) => factMatches(facts, fact, allowed))) best = Math.max(best, entries.length);
  }
  return best;
}
