// A Transport "on" a node that lives in Linux namespaces on this machine (the test cluster of
// scripts/cluster): commands run through nsenter in the node's mount, network and UTS namespaces,
// so Pacemaker's tools talk to that node's daemons and `hostname` answers node-N; files are
// reached through /proc/<pid>/root, which shows the node's mount namespace (its private /run,
// /etc/corosync, /var/lib/pacemaker ... and the host's files everywhere else).

import { LocalTransport, type CommandResult, type FileStat, type RunOptions, type WriteOptions } from './transport.js';

export class NamespaceTransport extends LocalTransport {
  /**
   * @param nodeName name of the node (for output prefixes)
   * @param pid any process inside the node's namespaces (scripts/cluster records pacemakerd's)
   */
  constructor(
    nodeName: string,
    readonly pid: number,
  ) {
    super(nodeName);
  }

  /** The node's view of `path`, seen from this machine. */
  private inNode(path: string): string {
    return `/proc/${this.pid}/root${path.startsWith('/') ? '' : '/'}${path}`;
  }

  override async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const result = await super.run('nsenter', ['-t', String(this.pid), '-m', '-n', '-u', '--', file, ...args], options);
    return { ...result, command: [file, ...args] };
  }

  override readFile(path: string): Promise<Buffer | undefined> {
    return super.readFile(this.inNode(path));
  }

  override writeFileAtomic(path: string, content: string | Buffer, options?: WriteOptions): Promise<void> {
    return super.writeFileAtomic(this.inNode(path), content, options);
  }

  override stat(path: string): Promise<FileStat | undefined> {
    return super.stat(this.inNode(path));
  }

  override mkdir(path: string, mode?: number): Promise<void> {
    return super.mkdir(this.inNode(path), mode);
  }

  override remove(path: string, options?: { recursive?: boolean }): Promise<void> {
    return super.remove(this.inNode(path), options);
  }

  /** The link's target is written as given: it is resolved inside the node. */
  override symlink(target: string, path: string): Promise<void> {
    return super.symlink(target, this.inNode(path));
  }

  override chmod(path: string, mode: number): Promise<void> {
    return super.chmod(this.inNode(path), mode);
  }

  override chown(path: string, uid: number, gid: number): Promise<void> {
    return super.chown(this.inNode(path), uid, gid);
  }
}
