// Applying a catalog: build every resource (validation), the relationship graph (cycles,
// missing references) and choose every provider BEFORE anything changes; then prefetch each
// provider class once, run the transaction and return the report.

import '../providers/all.js';
import { PapplyError } from '../errors.js';
import { LocalTransport, type Transport } from '../backends/transport.js';
import type { Catalog, CatalogResource } from '../compiler/catalog.js';
import type { ApplyContext, ProgressReport } from '../providers/framework/context.js';
import { defaultScore, unsuitableReasons, type Batch, type ProviderClass } from '../providers/framework/provider.js';
import { findType, registeredTypes } from '../providers/framework/registry.js';
import { Resource, type LogLevel } from '../providers/framework/resource.js';
import { RelationshipGraph, normalizeRef } from './graph.js';
import { RunLog } from './log.js';
import { finishReport, newResourceStatus, type Report, type ResourceStatus } from './report.js';
import { Transaction } from './transaction.js';

export interface ApplyCatalogOptions {
  facts: Record<string, unknown>;
  nodeName: string;
  transport?: Transport;
  noop?: boolean;
  tags?: readonly string[];
  skipTags?: readonly string[];
  modulepath?: readonly string[];
  /** Extra CLI options, handed to providers as `context.options`. */
  options?: Record<string, unknown>;
  log?: RunLog;
}

/** Seconds between two progress lines of the same wait. */
const PROGRESS_INTERVAL_MS = 5000;

function createContext(catalog: Catalog, options: ApplyCatalogOptions, log: RunLog): ApplyContext {
  const lastProgress = new Map<string, number>();
  return {
    transport: options.transport ?? new LocalTransport(options.nodeName),
    noop: options.noop ?? false,
    facts: options.facts,
    nodeName: options.nodeName,
    modulepath: options.modulepath ?? [],
    catalog,
    options: options.options ?? {},
    cache: new Map(),
    log(level: LogLevel, message: string, resource?: Resource) {
      log.log(level, message, resource?.path);
    },
    progress(report: ProgressReport, resource?: Resource) {
      const key = `${resource?.ref ?? ''}|${report.what}`;
      const now = Date.now();
      const last = lastProgress.get(key);
      if (last !== undefined && now - last < PROGRESS_INTERVAL_MS) return;
      lastProgress.set(key, now);
      const elapsed = `${Math.round(report.elapsedMs / 1000)}s`;
      const limit = report.timeoutMs !== undefined ? ` of ${Math.round(report.timeoutMs / 1000)}s` : '';
      log.notice(`waiting for ${report.what} (${elapsed}${limit})${report.detail ? `: ${report.detail}` : ''}`, resource?.path);
    },
  };
}

async function chooseProvider(resource: Resource, context: ApplyContext): Promise<ProviderClass> {
  const type = resource.type;
  const requested = resource.meta.provider;
  if (type.providers.size === 0) throw new PapplyError(`${resource.ref}: type ${type.name} has no provider`);
  if (requested !== undefined && requested !== null) {
    const chosen = type.providers.get(String(requested));
    if (!chosen) {
      throw new PapplyError(`${resource.ref}: Invalid provider '${String(requested)}' for ${type.name}; valid providers are ${[...type.providers.keys()].join(', ')}`);
    }
    const reasons = await unsuitableReasons(chosen, context);
    if (reasons.length > 0) throw new PapplyError(`${resource.ref}: Provider ${chosen.providerName} is not functional on this host: ${reasons.join('; ')}`);
    return chosen;
  }
  let best: { provider: ProviderClass; score: number } | undefined;
  const rejected: string[] = [];
  for (const provider of type.providers.values()) {
    const reasons = await unsuitableReasons(provider, context);
    if (reasons.length > 0) {
      rejected.push(`${provider.providerName} (${reasons.join('; ')})`);
      continue;
    }
    const score = defaultScore(provider, context.facts);
    if (!best || score > best.score) best = { provider, score };
  }
  if (!best) throw new PapplyError(`${resource.ref}: Could not find a suitable provider for ${type.name}: ${rejected.join(', ')}`);
  return best.provider;
}

function checkFeatures(resource: Resource, provider: ProviderClass): void {
  const features = new Set(provider.features ?? []);
  for (const [name, attribute] of resource.type.attributes) {
    const missing = (attribute.requiredFeatures ?? []).filter((feature) => !features.has(feature));
    if (resource.has(name) && missing.length > 0 && resource.catalogEntry.parameters?.[name] !== undefined) {
      throw new PapplyError(`${resource.ref}: Provider ${provider.providerName} must have features '${missing.join(', ')}' to set '${name}'`);
    }
  }
}

/** Resources of types papply implements; everything else in a catalog is a container. */
function buildResources(catalog: Catalog): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  const errors: string[] = [];
  const keys = new Map<string, string>();
  for (const entry of catalog.resources) {
    const type = findType(entry.type);
    if (!type) {
      // Classes and defined resources are containers; a built-in type papply lacks would be
      // silently ignored, so it stops the run instead.
      if (entry.kind === 'compilable_type' && entry.type !== 'Stage') {
        errors.push(`${entry.type}[${entry.title}]: papply cannot apply resources of type '${entry.type.toLowerCase()}' (known types: ${registeredTypes().map((t) => t.name).sort().join(', ')})`);
      }
      continue;
    }
    try {
      const resource = new Resource(type, entry);
      const key = `${type.name}|${type.namevars.map((name) => JSON.stringify(resource.get(name))).join('|')}`;
      const clash = type.definition.isomorphic === false ? undefined : keys.get(key);
      if (clash) throw new PapplyError(`Cannot alias ${resource.ref} to ${clash}; resource ${JSON.stringify([type.refName, resource.name])} already declared`);
      keys.set(key, resource.ref);
      resources.set(normalizeRef(resource.ref), resource);
    } catch (error) {
      errors.push(error instanceof PapplyError ? error.describe() : String(error));
    }
  }
  if (errors.length > 0) throw new PapplyError(errors.join('\n'));
  return resources;
}

/**
 * Applies a catalog. Throws PapplyError when the catalog cannot be applied at all (invalid
 * values, unknown references, dependency cycles, unusable providers): nothing was changed then.
 * Resource failures do not throw: they are in the report.
 */
export async function applyCatalog(catalog: Catalog, options: ApplyCatalogOptions): Promise<Report> {
  const started = performance.now();
  const log = options.log ?? new RunLog();
  const context = createContext(catalog, options, log);
  const resources = buildResources(catalog);
  const graph = RelationshipGraph.build(catalog, resources);
  const order = graph.order();

  const sink = { log: (level: LogLevel, message: string, source: string) => log.log(level, message, source) };
  const byProvider = new Map<ProviderClass, Resource[]>();
  const providerErrors: string[] = [];
  for (const resource of resources.values()) {
    resource.path = graph.pathOf(resource.ref);
    resource.runNoop = context.noop;
    resource.logSink = sink;
    try {
      const providerClass = await chooseProvider(resource, context);
      checkFeatures(resource, providerClass);
      resource.provider = new providerClass(resource, context);
      if (!byProvider.has(providerClass)) byProvider.set(providerClass, []);
      byProvider.get(providerClass)!.push(resource);
    } catch (error) {
      providerErrors.push(error instanceof PapplyError ? error.describe() : String(error));
    }
  }
  if (providerErrors.length > 0) throw new PapplyError(providerErrors.join('\n'));

  const statuses = new Map<Resource, ResourceStatus>();
  for (const resource of resources.values()) statuses.set(resource, statusOf(resource));

  const prefetchStarted = performance.now();
  const batches = new Map<ProviderClass, Batch>();
  for (const [providerClass, members] of byProvider) {
    if (providerClass.createBatch) {
      const batch = providerClass.createBatch(context);
      batches.set(providerClass, batch);
      for (const resource of members) resource.provider.batch = batch;
    }
    try {
      await prefetch(providerClass, members, context);
    } catch (error) {
      // As Puppet: the resources of a provider that cannot read the system fail, the rest goes on.
      const message = `Could not prefetch ${members[0]!.type.name} provider '${providerClass.providerName}': ${(error as Error).message}`;
      log.err(message);
      for (const resource of members) statuses.get(resource)!.failed = true;
    }
  }
  const prefetchSeconds = (performance.now() - prefetchStarted) / 1000;

  log.info(`Applying configuration version '${catalog.version}'`);
  // Resources generated at apply time (file recurse) join the parent's container and the report;
  // the catalog's own resource of the same name wins.
  const adopt = async (entries: readonly CatalogResource[], parent: Resource): Promise<Resource[]> => {
    const adopted: Resource[] = [];
    for (const entry of entries) {
      const child = new Resource(findType(entry.type)!, entry);
      if (resources.has(normalizeRef(child.ref))) continue;
      child.path = parent.pathBeside(child.ref);
      child.runNoop = parent.runNoop;
      child.logSink = sink;
      child.provider = new (await chooseProvider(child, context))(child, context);
      statuses.set(child, statusOf(child));
      adopted.push(child);
    }
    return adopted;
  };
  const transaction = new Transaction({ graph, context, statuses, batches, log, tags: options.tags, skipTags: options.skipTags, adopt });
  await transaction.run(order);

  const report: Report = {
    host: options.nodeName,
    time: new Date().toISOString(),
    configuration_version: catalog.version,
    noop: context.noop,
    status: 'unchanged',
    resource_statuses: Object.fromEntries([...statuses].map(([resource, status]) => [resource.ref, status])),
    metrics: undefined as unknown as Report['metrics'],
    logs: log.entries,
  };
  const total = (performance.now() - started) / 1000;
  return finishReport(report, { ...transaction.timings, prefetch: prefetchSeconds, total });
}

function statusOf(resource: Resource): ResourceStatus {
  return Object.assign(
    newResourceStatus({
      resource: resource.ref,
      resource_type: resource.type.refName,
      title: resource.title,
      path: resource.path,
      file: resource.catalogEntry.file,
      line: resource.catalogEntry.line,
      tags: [...resource.tags],
      containment_path: resource.path.split('/').filter(Boolean),
    }),
    { provider: resource.provider.providerName },
  );
}

async function prefetch(providerClass: ProviderClass, resources: Resource[], context: ApplyContext): Promise<void> {
  if (providerClass.prefetch) return providerClass.prefetch(resources, context);
  if (!providerClass.instances) return;
  const instances = await providerClass.instances(context);
  const byName = new Map(instances.map((instance) => [String(instance.name), instance]));
  for (const resource of resources) resource.provider.current = byName.get(resource.name) ?? { ensure: 'absent' };
}
