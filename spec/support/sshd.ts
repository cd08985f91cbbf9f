// A real OpenSSH server on loopback for the ssh tests: its own config, host key and user key in a
// temporary directory, on a free port. Needs root (sshd drops privileges and logs users in).

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD_PATH = '/usr/sbin/sshd';
const SFTP_SERVER_PATH = '/usr/lib/openssh/sftp-server';

/** Why sshd tests cannot run here, or undefined when they can. */
export function sshdSkipReason(): string | undefined {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'sshd tests need root (sshd logs users in)';
  if (!existsSync(SSHD_PATH)) return `${SSHD_PATH} is not installed (Debian package openssh-server)`;
  if (!existsSync(SFTP_SERVER_PATH)) return `${SFTP_SERVER_PATH} is missing`;
  return undefined;
}

/** Prints the skip reason once per test file, so a skipped suite says why. */
export function reportSkip(reason: string | undefined, suite: string): boolean {
  if (reason) process.stdout.write(`[skip] ${suite}: ${reason}\n`);
  return reason !== undefined;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface KeyPair {
  privateKeyFile: string;
  /** The `.pub` line: `ssh-ed25519 AAAA... comment`. */
  publicKeyLine: string;
}

export function generateKey(file: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519'): KeyPair {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `papply-test-${type}`, '-f', file], { stdio: 'pipe' });
  return { privateKeyFile: file, publicKeyLine: readFileSync(`${file}.pub`, 'utf8').trim() };
}

export interface SshdOptions {
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /** Reuse a host key (to run several servers as "the same host"), else one is generated. */
  hostKey?: KeyPair;
  /**
   * Run sshd in its own UTS and mount namespaces with this hostname, so that a node's facts and
   * node name differ from this machine's.
   */
  hostname?: string;
  /** Directories the node gets its own empty tmpfs on (needs `hostname`); see `nodePath()`. */
  privateDirs?: string[];
  /**
   * Run sshd inside the mount, network and UTS namespaces of this process (a namespace cluster
   * node), listening on `listenAddress` there. Clients reach it through a relay on this machine's
   * loopback (`host`/`port`), as they would reach a node across the network.
   */
  enter?: { pid: number; listenAddress: string };
}

// The relay's far end, run inside the node's network namespace: stdin/stdout <-> the node's sshd.
const RELAY_SCRIPT =
  "const s=require('net').connect(Number(process.argv[2]),process.argv[1]);process.stdin.pipe(s);s.pipe(process.stdout);" +
  's.on("error",()=>process.exit(1));s.on("close",()=>process.exit(0));';

export class SshdServer {
  readonly host = '127.0.0.1';
  readonly user = 'root';
  private child?: ChildProcess;
  private log = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly hostKey: KeyPair,
    readonly userKey: KeyPair,
    private readonly configFile: string,
    private readonly options: SshdOptions,
  ) {}

  static async start(options: SshdOptions = {}): Promise<SshdServer> {
    const dir = mkdtempSync(join(tmpdir(), 'papply-sshd-'));
    // sshd refuses to start without its privilege separation directory.
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const hostKey = options.hostKey ?? generateKey(join(dir, 'host_key'), options.hostKeyType ?? 'ed25519');
    const userKey = generateKey(join(dir, 'user_key'));
    writeFileSync(join(dir, 'authorized_keys'), `${userKey.publicKeyLine}\n`, { mode: 0o600 });
    const port = await freePort();
    const sshdPort = options.enter ? 22 : port;
    const configFile = join(dir, 'sshd_config');
    writeFileSync(
      configFile,
      [
        `Port ${sshdPort}`,
        `ListenAddress ${options.enter?.listenAddress ?? '127.0.0.1'}`,
        `HostKey ${hostKey.privateKeyFile}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'StrictModes no',
        'UsePAM no',
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        // Many tests connect at once; the default MaxStartups would drop some.
        'MaxStartups 100',
        'LogLevel VERBOSE',
        `Subsystem sftp ${SFTP_SERVER_PATH}`,
        '',
      ].join('\n'),
    );
    const server = new SshdServer(dir, port, hostKey, userKey, configFile, options);
    await server.resume();
    if (options.enter) await server.startRelay(options.enter.pid, options.enter.listenAddress, sshdPort);
    return server;
  }

  private relay?: Server;
  private readonly relayed = new Set<Socket>();

  private async startRelay(pid: number, address: string, sshdPort: number): Promise<void> {
    const relay = createServer((client) => {
      this.relayed.add(client);
      const far = spawn('nsenter', ['-t', String(pid), '-n', '--', process.execPath, '-e', RELAY_SCRIPT, address, String(sshdPort)], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      client.pipe(far.stdin!);
      far.stdout!.pipe(client);
      far.stdin!.on('error', () => client.destroy());
      client.on('error', () => far.kill());
      client.on('close', () => {
        this.relayed.delete(client);
        far.kill();
      });
      far.on('exit', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(this.port, this.host, resolve));
    this.relay = relay;
  }

  /** The `known_hosts` line that trusts this server, `[127.0.0.1]:PORT type key`. */
  knownHostsLine(): string {
    const [type, key] = this.hostKey.publicKeyLine.split(' ');
    return `[${this.host}]:${this.port} ${type} ${key}`;
  }

  url(): string {
    return `ssh://${this.user}@${this.host}:${this.port}`;
  }

  /** Where this machine sees `path` as the node sees it (through the sshd's mount namespace). */
  nodePath(path: string): string {
    if (!this.child?.pid) throw new Error('sshd is not running');
    return `/proc/${this.child.pid}/root${path}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get output(): string {
    return this.log;
  }

  /** Starts (or restarts, on the same port) the listening daemon and waits until it listens. */
  async resume(): Promise<void> {
    if (this.child) return;
    const sshd = [SSHD_PATH, '-D', '-e', '-f', this.configFile];
    const { hostname, privateDirs = [], enter } = this.options;
    // unshare execs in place: the child's pid is sshd's, whose sessions are its children.
    const command = hostname
      ? [
          'unshare',
          '--uts',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'hostname "$1"; shift; while [ "$1" != -- ]; do mkdir -p "$1" && mount -t tmpfs papply-node "$1" || exit 1; shift; done; shift; exec "$@"',
          'sh',
          hostname,
          ...privateDirs,
          '--',
          ...sshd,
        ]
      : enter
        ? // nsenter execs in place (no pid namespace); the node's /run is its own, sshd needs /run/sshd there.
          ['nsenter', '-t', String(enter.pid), '-m', '-n', '-u', '--', 'sh', '-c', 'mkdir -p /run/sshd && exec "$@"', 'sh', ...sshd]
        : sshd;
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const listening = this.options.enter ? `Server listening on ${this.options.enter.listenAddress} port 22` : `Server listening on ${this.host} port ${this.port}`;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start listening:\n${this.log}`)), 15_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        this.log += chunk.toString();
        if (this.log.includes(listening)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited with ${code}:\n${this.log}`));
      });
    });
  }

  /** Pids of the per-connection sshd processes forked by the listener. */
  sessionPids(): number[] {
    if (!this.child?.pid) return [];
    try {
      return execFileSync('pgrep', ['-P', String(this.child.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return []; // pgrep exits 1 when nothing matches
    }
  }

  /** Cuts every open connection (the network "drops"); the listener keeps accepting new ones. */
  killSessions(): number {
    const pids = this.sessionPids();
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    return pids.length;
  }

  /** Stops the listener (new connections are refused) and cuts open sessions. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killSessions();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    for (const client of this.relayed) client.destroy();
    await new Promise<void>((resolve) => (this.relay ? this.relay.close(() => resolve()) : resolve()));
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
