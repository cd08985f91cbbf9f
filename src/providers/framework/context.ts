// What a provider gets from the engine for one run.

import type { Catalog } from '../../compiler/catalog.js';
import type { Transport } from '../../backends/transport.js';
import type { LogLevel, Resource } from './resource.js';

export interface ProgressReport {
  /** What is awaited, e.g. `p_haproxy to be Started on node-1`. */
  what: string;
  elapsedMs: number;
  timeoutMs?: number;
  /** What was last seen, e.g. `node-1: Stopped, node-2: Started`. */
  detail?: string;
}

export interface ApplyContext {
  /** Every command and file operation of a provider goes through it. */
  readonly transport: Transport;
  /** `--noop`: providers must not change anything (a resource's own `noop` is handled by the engine). */
  readonly noop: boolean;
  readonly facts: Record<string, unknown>;
  readonly nodeName: string;
  /** Module directories, for `puppet:///modules/<m>/<f>` sources. */
  readonly modulepath: readonly string[];
  readonly catalog: Catalog;
  /** Extra CLI options of `papply apply` (camelCase as commander gives them: `cibFile`, `nodes` ...). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Run-wide log, optionally attributed to a resource (its path prefixes the message). */
  log(level: LogLevel, message: string, resource?: Resource): void;
  /** Report a long wait; the engine prints it throttled (call as often as you poll). */
  progress(report: ProgressReport, resource?: Resource): void;
  /** Per-run cache shared by all providers (e.g. one CIB read per run): key it by something you own. */
  readonly cache: Map<unknown, unknown>;
}
