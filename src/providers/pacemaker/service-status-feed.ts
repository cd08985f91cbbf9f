// One reader of the cluster's status section for every service waiting at the same time: each
// waiter asks for the next read, and one `cibadmin --query --scope status` (at most one per poll
// interval, always one that started after the request) answers all of them. Fifty services
// waiting together cost one read per interval, not fifty.

import { PapplyError } from '../../errors.js';
import { pacemakerMessage } from '../../backends/cib/index.js';
import type { Transport } from '../../backends/transport.js';
import { parseClusterStatus, type ClusterStatus } from './lrm-status.js';

export class ClusterStatusFeed {
  /** The read the next callers get; it starts after they asked. */
  private upcoming?: Promise<ClusterStatus>;
  private lastStarted = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly transport: Transport,
    /** CIB_file for a CIB file; empty for the live cluster. */
    private readonly env: Record<string, string> | undefined,
    private readonly intervalMs: number,
  ) {}

  /** The status section as read after this call (shared with everyone asking meanwhile). */
  next(): Promise<ClusterStatus> {
    if (!this.upcoming) {
      const delay = Math.max(0, this.lastStarted + this.intervalMs - Date.now());
      const upcoming: Promise<ClusterStatus> = new Promise((resolve) => setTimeout(resolve, delay)).then(() => {
        // Whoever asks from now on needs a read that starts after this one.
        if (this.upcoming === upcoming) this.upcoming = undefined;
        this.lastStarted = Date.now();
        return this.read();
      });
      this.upcoming = upcoming;
    }
    return this.upcoming;
  }

  /** Reads the status now, for one caller. */
  async read(): Promise<ClusterStatus> {
    const result = await this.transport.run('cibadmin', ['--query', '--scope', 'status'], { env: this.env });
    if (result.exitCode !== 0) {
      throw new PapplyError(`cannot read the cluster status on ${this.transport.nodeName} (${[...result.command].join(' ')}): ${pacemakerMessage(result)}`);
    }
    return parseClusterStatus(result.stdout);
  }
}
