// The Transport of a remote node: one ssh2 connection, commands over "exec" channels (argument
// vectors quoted for the remote shell), files over one sftp channel.
//
// Dropped connections. The transport reconnects at most `reconnectAttempts` times (default once)
// over its life. An operation interrupted by a drop is repeated on the new connection only when
// repeating it cannot do harm:
// - a command is re-run only if it had not been sent yet (the drop was seen before the exec
//   request went out); once sent it may have taken effect (think `cibadmin --patch`), so it fails
//   with a "connection lost while running ..., not re-run" error and the next operation reconnects;
// - file reads, stat, chmod, chown, remove, hasCommand and the whole write-temp-then-rename of
//   writeFileAtomic are repeated (they end in the same state however often they run);
// - mkdir and symlink are not repeated (a second attempt would fail on the first one's result).
// A silent peer (cut network, no reset) is declared lost after 3 unanswered keepalives.
//
// Command timeouts are enforced on the node by coreutils `timeout` (see remoteCommandLine):
// OpenSSH ignores the ssh "signal" request in root sessions, and closing the channel alone would
// leave the command running.

import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { Client, ClientChannel, SFTPWrapper, Stats } from 'ssh2';
import { fileStatOf, type CommandResult, type FileStat, type RunOptions, type Transport, type WriteOptions } from '../transport.js';
import { quoteShellCommand, remoteCommandLine } from '../shell-quote.js';
import { connectSsh, type SshConnectOptions } from './connect.js';
import { RemoteFileError, SshConnectionError } from './errors.js';
import type { SshTarget } from './target.js';

export interface SshTransportOptions extends SshConnectOptions {
  /** Default timeout of commands that do not set their own; none by default. */
  commandTimeoutMs?: number;
  /** How many times a dropped connection is re-established over the transport's life (default 1). */
  reconnectAttempts?: number;
  /** Name for output prefixes; defaults to the target's label. */
  nodeName?: string;
  /** Told about reconnects, so the operator sees them in the node's output. */
  onNotice?: (message: string) => void;
}

/** One live connection; `lost` turns true when its socket ends, before its channels are closed. */
class Session {
  lost = false;
  lostReason = 'connection closed';
  private sftpChannel?: Promise<SFTPWrapper>;
  /** Rejects when the connection is lost: ssh2 leaves some sftp callbacks pending forever then. */
  private readonly whenLost: Promise<never>;

  constructor(readonly client: Client) {
    let rejectWhenLost: (error: Error) => void = () => undefined;
    this.whenLost = new Promise<never>((_, reject) => {
      rejectWhenLost = reject;
    });
    this.whenLost.catch(() => undefined); // only observed through call()
    const markLost = (reason: string) => {
      if (this.lost) return;
      this.lost = true;
      this.lostReason = reason;
      rejectWhenLost(new Error(reason));
    };
    client.on('end', () => markLost('the server closed the connection'));
    client.on('close', () => markLost('connection closed'));
    client.on('error', (error: Error) => markLost(error.message));
  }

  sftp(): Promise<SFTPWrapper> {
    this.sftpChannel ??= new Promise((resolve, reject) => {
      this.client.sftp((error, sftp) => {
        if (error) {
          this.sftpChannel = undefined;
          reject(error);
          return;
        }
        sftp.on('close', () => {
          this.sftpChannel = undefined;
        });
        resolve(sftp);
      });
    });
    return Promise.race([this.sftpChannel, this.whenLost]);
  }

  /** Promise around an ssh2 sftp callback that also settles when the connection is lost. */
  call<T = void>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    const call = new Promise<T>((resolve, reject) => {
      try {
        start((error, value) => (error ? reject(error) : resolve(value as T)));
      } catch (error) {
        reject(error);
      }
    });
    return Promise.race([call, this.whenLost]);
  }

  close(): void {
    this.lost = true;
    this.lostReason = 'closed by papply';
    this.client.end();
  }
}

/** The exec request never left: safe to send again on a new connection. */
class NotSentError extends Error {}

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;
/** Grace after a command timeout for the node's `timeout` (TERM, then KILL after 2 s) to act. */
const ABANDON_AFTER_TIMEOUT_MS = 5_000;

type RetryRule = 'repeatable' | 'only-if-not-sent';

export class SshTransport implements Transport {
  readonly nodeName: string;
  private session?: Session;
  private connecting?: Promise<Session>;
  private reconnectsLeft: number;
  private closed = false;

  private constructor(
    readonly target: SshTarget,
    private readonly options: SshTransportOptions,
  ) {
    this.nodeName = options.nodeName ?? target.label;
    this.reconnectsLeft = options.reconnectAttempts ?? 1;
  }

  /** Connects now, so that an unreachable node or a refused key is reported before any work. */
  static async connect(target: SshTarget, options: SshTransportOptions = {}): Promise<SshTransport> {
    const transport = new SshTransport(target, options);
    await transport.currentSession();
    return transport;
  }

  close(): void {
    this.closed = true;
    this.session?.close();
    this.session = undefined;
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    remoteCommandLine(file, args, { cwd: options.cwd, env: options.env }); // throws on unquotable input before any connection work
    const description = `running ${quoteShellCommand([file, ...args])}`;
    return await this.withSession(description, 'only-if-not-sent', (session) => this.exec(session, [file, ...args], options));
  }

  async readFile(path: string): Promise<Buffer | undefined> {
    return await this.withSftp(`reading ${path}`, 'repeatable', async (sftp, session) => {
      try {
        return await session.call<Buffer>((done) => sftp.readFile(path, done));
      } catch (error) {
        if (sftpCode(error) === SFTP_NO_SUCH_FILE) return undefined;
        throw this.fileError('read', path, error);
      }
    });
  }

  async writeFileAtomic(path: string, content: string | Buffer, options: WriteOptions = {}): Promise<void> {
    // One temporary name for every attempt: a repeat after a drop overwrites its own leftovers.
    const temporary = posix.join(posix.dirname(path), `.${posix.basename(path)}.papply-${randomBytes(6).toString('hex')}`);
    await this.withSession(`writing ${path}`, 'repeatable', async (session) => {
      const sftp = await session.sftp();
      try {
        await session.call((done) => sftp.writeFile(temporary, content, { mode: options.mode ?? 0o644, flag: 'w' }, done));
        // The server's umask applied to the mode at creation; the requested mode is exact.
        if (options.mode !== undefined) await session.call((done) => sftp.chmod(temporary, options.mode!, done));
        if (options.uid !== undefined || options.gid !== undefined) {
          const current = await session.call<Stats>((done) => sftp.lstat(temporary, done));
          await session.call((done) => sftp.chown(temporary, options.uid ?? current.uid, options.gid ?? current.gid, done));
        }
        await this.renameOver(session, sftp, temporary, path);
      } catch (error) {
        if (!session.lost) await session.call((done) => sftp.unlink(temporary, done)).catch(() => undefined);
        throw session.lost ? error : this.fileError('write', path, error);
      }
    });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    return await this.withSftp(`checking ${path}`, 'repeatable', async (sftp, session) => {
      let stats: Stats;
      try {
        stats = await session.call<Stats>((done) => sftp.lstat(path, done));
      } catch (error) {
        if (sftpCode(error) === SFTP_NO_SUCH_FILE) return undefined;
        throw this.fileError('stat', path, error);
      }
      return await fileStatOf(stats, () => session.call<string>((done) => sftp.readlink(path, done)));
    });
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    await this.withSftp(`creating ${path}`, 'only-if-not-sent', async (sftp, session) => {
      try {
        await session.call((done) => sftp.mkdir(path, mode === undefined ? {} : { mode }, done));
      } catch (error) {
        // sftp-server answers a bare "Failure" for an existing path: say what it is.
        const existing = await session.call<Stats>((done) => sftp.lstat(path, done)).catch(() => undefined);
        throw this.fileError('mkdir', path, existing ? new Error('already exists') : error);
      }
    });
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    if (options.recursive) {
      await this.runChecked(['rm', '-rf', '--', path], `removing ${path}`);
      return;
    }
    await this.withSftp(`removing ${path}`, 'repeatable', async (sftp, session) => {
      const stats = await session.call<Stats>((done) => sftp.lstat(path, done)).catch((error) => {
        if (sftpCode(error) === SFTP_NO_SUCH_FILE) return undefined;
        throw this.fileError('remove', path, error);
      });
      if (!stats) return; // already gone, like `rm -f`
      if (stats.isDirectory()) throw this.fileError('remove', path, new Error('is a directory (remove it recursively)'));
      await session.call((done) => sftp.unlink(path, done)).catch((error) => {
        if (sftpCode(error) !== SFTP_NO_SUCH_FILE) throw this.fileError('remove', path, error);
      });
    });
  }

  async symlink(target: string, path: string): Promise<void> {
    await this.withSftp(`linking ${path}`, 'only-if-not-sent', async (sftp, session) => {
      try {
        await session.call((done) => sftp.symlink(target, path, done));
      } catch (error) {
        throw this.fileError('symlink', path, error);
      }
    });
  }

  async chmod(path: string, mode: number): Promise<void> {
    await this.withSftp(`changing the mode of ${path}`, 'repeatable', async (sftp, session) => {
      try {
        await session.call((done) => sftp.chmod(path, mode, done));
      } catch (error) {
        throw this.fileError('chmod', path, error);
      }
    });
  }

  /** Changes the owner of the path itself, not of a symlink's target (lchown, as LocalTransport). */
  async chown(path: string, uid: number, gid: number): Promise<void> {
    await this.runChecked(['chown', '-h', `${uid}:${gid}`, '--', path], `changing the owner of ${path}`);
  }

  async hasCommand(name: string): Promise<boolean> {
    const result = await this.withSession(`looking for ${name}`, 'repeatable', (session) =>
      this.exec(session, ['sh', '-c', 'command -v "$1"', 'sh', name], {}),
    );
    return result.exitCode === 0;
  }

  /** Runs a helper command that is safe to repeat and must succeed. */
  private async runChecked(argv: [string, ...string[]], description: string): Promise<void> {
    const result = await this.withSession(description, 'repeatable', (session) => this.exec(session, argv, {}));
    if (result.exitCode !== 0) {
      throw new RemoteFileError(this.nodeName, argv[0], argv[argv.length - 1], `${quoteShellCommand(argv)} exited ${result.exitCode ?? 'by signal'}: ${result.stderr.trim()}`);
    }
  }

  private async renameOver(session: Session, sftp: SFTPWrapper, from: string, to: string): Promise<void> {
    try {
      // rename(2) semantics: replaces the target in one step. Plain SFTP rename refuses to overwrite.
      await session.call((done) => sftp.ext_openssh_rename(from, to, done));
    } catch (error) {
      if (!/does not support/i.test((error as Error).message)) throw error;
      const result = await this.exec(session, ['mv', '-f', '--', from, to], {});
      if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `mv exited ${result.exitCode}`);
    }
  }

  private exec(session: Session, argv: [string, ...string[]], options: RunOptions): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    const [file, ...args] = argv;
    const commandLine = remoteCommandLine(file, args, { cwd: options.cwd, env: options.env, timeoutMs });
    return new Promise((resolve, reject) => {
      const onChannel = (error: Error | undefined, channel: ClientChannel) => {
        if (error) {
          reject(session.lost ? error : new SshConnectionError(this.nodeName, 'protocol', `cannot start ${argv[0]}: ${error.message}`, { cause: error }));
          return;
        }
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let exitCode: number | undefined;
        let timedOut = false;
        let timer: NodeJS.Timeout | undefined;
        channel.on('data', (chunk: Buffer) => stdout.push(chunk));
        channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        channel.on('exit', (code: number | null) => {
          if (typeof code === 'number') exitCode = code;
        });
        channel.on('close', () => {
          clearTimeout(timer);
          if (session.lost && exitCode === undefined && !timedOut) {
            reject(new Error(session.lostReason));
            return;
          }
          resolve({
            command: argv,
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8'),
            exitCode: timedOut ? undefined : exitCode,
            timedOut,
          });
        });
        if (timeoutMs !== undefined) {
          // The node's `timeout` kills the command; the channel then closes by itself. Should the
          // node not manage (a frozen process), the channel is abandoned a little later.
          timer = setTimeout(() => {
            timedOut = true;
            timer = setTimeout(() => channel.close(), ABANDON_AFTER_TIMEOUT_MS);
          }, timeoutMs);
        }
        channel.end(options.input);
      };
      try {
        session.client.exec(commandLine, onChannel);
      } catch (error) {
        reject(new NotSentError((error as Error).message)); // ssh2 throws "Not connected" synchronously
      }
    });
  }

  private async withSftp<T>(description: string, rule: RetryRule, action: (sftp: SFTPWrapper, session: Session) => Promise<T>): Promise<T> {
    return await this.withSession(description, rule, async (session) => {
      let sftp: SFTPWrapper;
      try {
        sftp = await session.sftp();
      } catch (error) {
        if (session.lost) throw new NotSentError((error as Error).message);
        throw new SshConnectionError(this.nodeName, 'protocol', `cannot open sftp: ${(error as Error).message}`, { cause: error });
      }
      return await action(sftp, session);
    });
  }

  private async withSession<T>(description: string, rule: RetryRule, action: (session: Session) => Promise<T>): Promise<T> {
    const session = await this.currentSession();
    try {
      return await action(session);
    } catch (error) {
      if (!session.lost || this.closed) throw error;
      if (rule === 'only-if-not-sent' && !(error instanceof NotSentError)) {
        throw new SshConnectionError(
          this.nodeName,
          'connection-lost',
          `connection lost while ${description} (${session.lostReason}); not re-run, it may already have taken effect`,
          { cause: error },
        );
      }
      const fresh = await this.currentSession();
      try {
        return await action(fresh);
      } catch (retryError) {
        if (!fresh.lost) throw retryError;
        throw new SshConnectionError(this.nodeName, 'connection-lost', `connection lost again while ${description} (${fresh.lostReason})`, { cause: retryError });
      }
    }
  }

  /** The live session, reconnecting (within the budget) when the last one was lost. */
  private async currentSession(): Promise<Session> {
    if (this.closed) throw new SshConnectionError(this.nodeName, 'connection-lost', 'transport already closed');
    if (this.session && !this.session.lost) return this.session;
    if (this.connecting) return await this.connecting;
    const previous = this.session;
    if (previous) {
      if (this.reconnectsLeft <= 0) {
        throw new SshConnectionError(this.nodeName, 'connection-lost', `connection lost (${previous.lostReason}) and the reconnect was already used`);
      }
      this.reconnectsLeft -= 1;
      this.options.onNotice?.(`connection lost (${previous.lostReason}); reconnecting`);
    }
    this.connecting = connectSsh(this.target, this.options).then(
      (client) => {
        this.connecting = undefined;
        this.session = new Session(client);
        return this.session;
      },
      (error: unknown) => {
        this.connecting = undefined;
        if (previous && error instanceof SshConnectionError) {
          throw new SshConnectionError(this.nodeName, error.kind, `connection lost (${previous.lostReason}); reconnecting failed: ${error.message.replace(`${this.nodeName}: `, '')}`, { cause: error });
        }
        throw error;
      },
    );
    return await this.connecting;
  }

  private fileError(operation: string, path: string, error: unknown): RemoteFileError {
    const code = sftpCode(error);
    const reason =
      code === SFTP_NO_SUCH_FILE ? 'no such file or directory' : code === SFTP_PERMISSION_DENIED ? 'permission denied' : (error as Error).message;
    return new RemoteFileError(this.nodeName, operation, path, reason, { cause: error });
  }
}

function sftpCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
