// The CIB writes of a run's pacemaker services, coalesced: a service's change is queued and the
// run goes on; requests made while a patch is being written go together into the next patch.
// Fifty services started one after the other cost a handful of patches, not fifty. A patch that
// fails is retried request by request, so each service gets its own verdict, as if alone.

import type { CibSession, CommitResult, DesiredItem } from '../../backends/cib/index.js';

interface WriteRequest {
  items: DesiredItem[];
  resolve: (result: CommitResult) => void;
  reject: (error: unknown) => void;
}

export class ServiceCibWriter {
  private readonly queue: WriteRequest[] = [];
  private writing = false;

  constructor(private readonly session: CibSession) {}

  /** Resolves once `items` are in the CIB (with whatever else was queued alongside). */
  write(items: DesiredItem[]): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const requests = this.queue.splice(0);
      try {
        const result = await this.commit(requests.flatMap((request) => request.items));
        for (const request of requests) request.resolve(result);
      } catch (error) {
        if (requests.length === 1) requests[0]!.reject(error);
        else for (const request of requests) await this.commit(request.items).then(request.resolve, request.reject);
      }
    }
    this.writing = false;
  }

  private async commit(items: DesiredItem[]): Promise<CommitResult> {
    // The status moves all the time while services start: write against a fresh read.
    await this.session.refresh();
    return this.session.commit(items);
  }
}
