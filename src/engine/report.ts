// The run report: per-resource statuses with their events, metrics and logs, in the shape of
// Puppet's report (`--report FILE` writes it as JSON), plus the exit code rules of puppet apply.

import type { LogEntry } from './log.js';

export type EventStatus = 'success' | 'failure' | 'noop';

export interface ResourceEvent {
  /** The property changed, or undefined for events like `restarted`. */
  property?: string;
  previous_value?: unknown;
  desired_value?: unknown;
  message: string;
  /** `property_changed`, `resource_changed` ... `restarted` */
  name: string;
  status: EventStatus;
  time: string;
}

export interface ResourceStatus {
  resource: string;
  resource_type: string;
  title: string;
  path: string;
  file?: string;
  line?: number;
  provider?: string;
  tags: string[];
  containment_path: string[];
  changed: boolean;
  failed: boolean;
  skipped: boolean;
  /** Skipped because a dependency failed (as opposed to tags or noop). */
  failed_dependencies: boolean;
  out_of_sync: boolean;
  change_count: number;
  out_of_sync_count: number;
  restarted: boolean;
  failed_to_restart: boolean;
  events: ResourceEvent[];
  evaluation_time: number;
}

export interface Report {
  host: string;
  time: string;
  configuration_version: number | string;
  noop: boolean;
  /** `changed`, `unchanged` or `failed`, as Puppet. */
  status: 'changed' | 'unchanged' | 'failed';
  resource_statuses: Record<string, ResourceStatus>;
  metrics: {
    resources: Record<'total' | 'changed' | 'failed' | 'skipped' | 'out_of_sync' | 'restarted' | 'failed_to_restart' | 'scheduled', number>;
    events: Record<'total' | 'success' | 'failure' | 'noop', number>;
    changes: { total: number };
    time: Record<string, number>;
  };
  logs: LogEntry[];
}

export function newResourceStatus(fields: Pick<ResourceStatus, 'resource' | 'resource_type' | 'title' | 'path' | 'file' | 'line' | 'tags' | 'containment_path'>): ResourceStatus {
  return {
    ...fields,
    changed: false,
    failed: false,
    skipped: false,
    failed_dependencies: false,
    out_of_sync: false,
    change_count: 0,
    out_of_sync_count: 0,
    restarted: false,
    failed_to_restart: false,
    events: [],
    evaluation_time: 0,
  };
}

/** Fills metrics and status from the resource statuses. */
export function finishReport(report: Report, timings: Record<string, number>): Report {
  const statuses = Object.values(report.resource_statuses);
  const count = (predicate: (status: ResourceStatus) => boolean) => statuses.filter(predicate).length;
  const events = statuses.flatMap((status) => status.events);
  report.metrics = {
    resources: {
      total: statuses.length,
      changed: count((s) => s.changed),
      failed: count((s) => s.failed),
      skipped: count((s) => s.skipped),
      out_of_sync: count((s) => s.out_of_sync),
      restarted: count((s) => s.restarted),
      failed_to_restart: count((s) => s.failed_to_restart),
      scheduled: count((s) => !s.skipped),
    },
    events: {
      total: events.length,
      success: events.filter((e) => e.status === 'success').length,
      failure: events.filter((e) => e.status === 'failure').length,
      noop: events.filter((e) => e.status === 'noop').length,
    },
    changes: { total: statuses.reduce((sum, s) => sum + s.change_count, 0) },
    time: timings,
  };
  const failed = report.metrics.resources.failed > 0 || report.metrics.resources.failed_to_restart > 0;
  report.status = failed ? 'failed' : report.metrics.changes.total > 0 ? 'changed' : 'unchanged';
  return report;
}

/**
 * puppet apply's `--detailed-exitcodes`: 2 changes, 4 failures, 6 both, 0 neither. Without the
 * flag puppet apply exits 0 even when resources failed (1 only when the catalog could not be
 * compiled or applied at all).
 */
export function exitCodeOf(report: Report, detailed: boolean): number {
  if (!detailed) return 0;
  const failures = report.metrics.resources.failed > 0 || report.metrics.resources.failed_to_restart > 0 || report.metrics.events.failure > 0;
  return (report.metrics.changes.total > 0 ? 2 : 0) | (failures ? 4 : 0);
}

/** `Changes: 3, Failures: 1, Skipped: 2 ...` lines as `--summarize` prints them. */
export function summaryLines(report: Report): string[] {
  const r = report.metrics.resources;
  const e = report.metrics.events;
  const total = report.metrics.time.total ?? 0;
  return [
    'Application:',
    `   Run mode: ${report.noop ? 'noop' : 'apply'}`,
    'Changes:',
    `            Total: ${report.metrics.changes.total}`,
    'Events:',
    `          Failure: ${e.failure}`,
    `          Success: ${e.success}`,
    `             Noop: ${e.noop}`,
    `            Total: ${e.total}`,
    'Resources:',
    `          Skipped: ${r.skipped}`,
    `           Failed: ${r.failed}`,
    `Failed to restart: ${r.failed_to_restart}`,
    `        Restarted: ${r.restarted}`,
    `          Changed: ${r.changed}`,
    `      Out of sync: ${r.out_of_sync}`,
    `            Total: ${r.total}`,
    'Time:',
    `            Total: ${total.toFixed(2)}`,
  ];
}

/** The one-line summary printed after every run. */
export function summaryLine(report: Report): string {
  const r = report.metrics.resources;
  const parts = [`${r.total} resources`, `${r.changed} changed`];
  if (report.metrics.events.noop > 0) parts.push(`${report.metrics.events.noop} would change (noop)`);
  if (r.failed > 0) parts.push(`${r.failed} failed`);
  if (r.skipped > 0) parts.push(`${r.skipped} skipped`);
  if (r.restarted > 0) parts.push(`${r.restarted} restarted`);
  if (r.failed_to_restart > 0) parts.push(`${r.failed_to_restart} failed to restart`);
  return `Summary: ${parts.join(', ')} in ${(report.metrics.time.total ?? 0).toFixed(2)} seconds`;
}
