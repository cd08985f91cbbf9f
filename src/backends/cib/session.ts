// One CIB session per run: read the CIB once, turn every desired item of a batch into ONE v2
// patch, check it on a copy, send it as a compare-and-swap, and on a lost race re-read,
// recompute and retry (bounded).

import { PapplyError } from '../../errors.js';
import { AgentCatalog } from './agents.js';
import { openCibBackend, type CibBackend, type CibBackendOptions } from './backend.js';
import { checkPatch, predictTransition, type TransitionAction } from './check.js';
import { buildTarget, type DesiredItem, type ItemError } from './desired.js';
import { diffConfiguration, type ChangeNote, type CibChange } from './diff.js';
import { configurationOf, formatVersion, parseCib, type CibModel, type CibVersion } from './model.js';
import { buildPatch } from './patch.js';
import { rewriteBusySections } from './section-rewrite.js';

/** How long conflicts caused only by status updates are retried without counting as attempts. */
const STATUS_CHURN_BUDGET_MS = 60_000;

export interface CibSessionOptions extends CibBackendOptions {
  /** An already opened backend (else one is opened from the other options). */
  backend?: CibBackend;
  /** Compare-and-swap attempts before giving up; default 5. */
  maxAttempts?: number;
  /** Debug lines (retries, checks). */
  debug?: (message: string) => void;
  /** Changes in one section above which it is sent whole (section-rewrite.ts); default 300. */
  sectionRewriteThreshold?: number;
}

export interface CommitOptions {
  /** Compute, check and predict, but send nothing. */
  noop?: boolean;
  /** Ask crm_simulate what the cluster would do (always done for noop). */
  predict?: boolean;
  /** Runs after the patch is checked, right before it is sent (tests use it to race the write). */
  beforeSend?: (attempt: number) => Promise<void>;
  /** Check primitives' agents and parameter names against the agents' metadata; default true. */
  checkAgents?: boolean;
}

export interface CibPlan {
  changes: CibChange[];
  notes: ChangeNote[];
  errors: ItemError[];
  /** The patch against the version read; undefined when there is nothing to change. */
  patch?: string;
  version: CibVersion;
}

export interface CommitResult {
  changed: boolean;
  changes: CibChange[];
  notes: ChangeNote[];
  /** The patch sent (or, for noop, the one that would be). */
  patch?: string;
  attempts: number;
  versionBefore: CibVersion;
  versionAfter: CibVersion;
  transition?: TransitionAction[];
  /** crm_verify warnings (and errors already there before the patch). */
  warnings: string[];
  /** noop only: agent problems that would fail the real run (unless the run installs the agent). */
  agentProblems?: string[];
}

/**
 * A batch that could not be applied, nothing written (or, when the message says so, written but not
 * read back). `owners` lists who is to blame.
 */
export class CibPatchError extends PapplyError {
  constructor(
    message: string,
    readonly owners: readonly string[],
    readonly itemErrors: readonly ItemError[] = [],
    readonly patch?: string,
  ) {
    super(message);
    this.name = 'CibPatchError';
  }
}

export class CibSession {
  private currentXml: string;
  private currentModel: CibModel;
  private readonly agents: AgentCatalog;

  private constructor(readonly backend: CibBackend, xml: string, private readonly options: CibSessionOptions) {
    this.currentXml = xml;
    this.currentModel = parseCib(xml);
    this.agents = new AgentCatalog(backend.transport);
  }

  static async open(options: CibSessionOptions = {}): Promise<CibSession> {
    const backend = options.backend ?? (await openCibBackend(options));
    return new CibSession(backend, await backend.query(), options);
  }

  /** The CIB as last read: whole XML (configuration and status). */
  get xml(): string {
    return this.currentXml;
  }

  get model(): CibModel {
    return this.currentModel;
  }

  /** Reads the CIB again (after someone else changed it, or to see the status move). */
  async refresh(): Promise<CibModel> {
    this.currentXml = await this.backend.query();
    this.currentModel = parseCib(this.currentXml);
    return this.currentModel;
  }

  /** The changes `items` need against the CIB as last read; pure, sends nothing. */
  plan(items: readonly DesiredItem[]): CibPlan {
    const target = buildTarget(this.currentModel, items);
    const configuration = configurationOf(this.currentModel.root);
    const { changes, notes } = diffConfiguration(configuration, target);
    const version = this.currentModel.version;
    const patch = changes.length > 0 ? buildPatch(version, rewriteBusySections(configuration, changes, this.options.sectionRewriteThreshold)) : undefined;
    return { changes, notes, errors: target.errors, version, patch };
  }

  /** Applies `items` as one patch (or, with noop, checks and predicts it). */
  async commit(items: readonly DesiredItem[], options: CommitOptions = {}): Promise<CommitResult> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const versionBefore = this.currentModel.version;
    const owners = [...new Set(items.map((item) => item.owner))];
    const agentWarnings: string[] = [];
    if (options.checkAgents ?? true) {
      const problems = await this.agents.check(items);
      // In noop an agent may be missing only because the run would have installed it first.
      if (options.noop) agentWarnings.push(...problems.map((problem) => `${problem.owner}: ${problem.message}`));
      else if (problems.length > 0) {
        throw new CibPatchError(problems.map((problem) => `${problem.owner}: ${problem.message}`).join('\n'), [...new Set(problems.map((problem) => problem.owner))], problems);
      }
    }
    // The configuration (admin_epoch.epoch) a patch was last checked against: a conflict caused only
    // by status updates (num_updates: operation results while the cluster starts resources) leaves
    // the configuration and so the plan unchanged, and the retry goes out without checking again;
    // otherwise the check would keep the compare-and-swap window open while the status churns.
    let checked: { configuration: string; check: Awaited<ReturnType<typeof checkPatch>> } | undefined;
    const started = Date.now();
    let statusRetries = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const plan = this.plan(items);
      if (plan.errors.length > 0) {
        throw new CibPatchError(plan.errors.map((error) => `${error.owner}: ${error.message}`).join('\n'), [...new Set(plan.errors.map((error) => error.owner))], plan.errors);
      }
      const base = { changes: plan.changes, notes: plan.notes, attempts: attempt, versionBefore };
      if (!plan.patch) return { ...base, changed: false, versionAfter: plan.version, warnings: [] };
      const configuration = `${plan.version.adminEpoch}.${plan.version.epoch}`;
      const check = checked?.configuration === configuration ? checked.check : await checkPatch(this.backend.transport, this.currentXml, plan.patch);
      checked = { configuration, check };
      if (!check.ok) {
        const blamed = [...new Set(plan.changes.map((change) => change.owner).filter((owner): owner is string => owner !== undefined))];
        throw new CibPatchError(`Pacemaker rejects the change (nothing was written): ${check.message}`, blamed.length > 0 ? blamed : owners, [], plan.patch);
      }
      const transition = options.noop || options.predict ? await predictTransition(this.backend.transport, check.patchedXml ?? this.currentXml) : undefined;
      if (options.noop) return { ...base, changed: false, patch: plan.patch, transition, versionAfter: plan.version, warnings: check.warnings, agentProblems: agentWarnings };
      await options.beforeSend?.(attempt);
      const outcome = await this.backend.applyPatch(plan.patch);
      if (outcome.ok) {
        await this.refresh().catch((error: unknown) => {
          // The patch is in; only reading it back failed (e.g. the cluster went away just after).
          throw new CibPatchError(`the CIB patch was applied (from version ${formatVersion(plan.version)}), but then ${(error as Error).message}`, owners, [], plan.patch);
        });
        return { ...base, changed: true, patch: plan.patch, transition, versionAfter: this.currentModel.version, warnings: check.warnings };
      }
      if (!outcome.conflict) {
        // Pacemaker's timer ran out on a patch that was sent: the cluster may still apply it later.
        const unknown = /Timer expired/i.test(outcome.message) ? ' (the patch was sent: the cluster may still apply it; a re-run shows what it did)' : '';
        throw new CibPatchError(`cibadmin --patch failed on the ${this.backend.describe()}: ${outcome.message}${unknown}`, owners, [], plan.patch);
      }
      this.options.debug?.(`CIB changed since version ${formatVersion(plan.version)} was read (${outcome.message.split('\n')[0]}); re-reading, attempt ${attempt + 1} of ${maxAttempts}`);
      // Several nodes applying the same manifest race each other: spread their retries a little.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * attempt));
      await this.refresh();
      // Only the status moved (operation results: num_updates), not the configuration: the cluster
      // is busy, not contended. Such retries do not use up attempts for a while; the pause grows
      // so the burst of results passes.
      const now = this.currentModel.version;
      if (now.adminEpoch === plan.version.adminEpoch && now.epoch === plan.version.epoch && Date.now() - started < STATUS_CHURN_BUDGET_MS) {
        statusRetries++;
        attempt--;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * statusRetries) + Math.random() * 100));
        await this.refresh();
      }
    }
    throw new CibPatchError(`the ${this.backend.describe()} kept changing while papply wrote to it: gave up after ${maxAttempts} attempts; nothing was written`, owners);
  }
}
