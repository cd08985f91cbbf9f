// Where providers act: every command and file operation of a provider goes through a Transport,
// so the same provider works on this machine (LocalTransport) or on a node over ssh.
// Commands are always an executable plus an argument array, never a shell string.

import { execa } from 'execa';
import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

export interface CommandResult {
  command: string[];
  stdout: string;
  stderr: string;
  /** undefined when the command was killed (timeout or signal). */
  exitCode: number | undefined;
  timedOut: boolean;
}

export interface FileStat {
  type: 'file' | 'directory' | 'link' | 'other';
  mode: number; // permission bits, e.g. 0o644
  uid: number;
  gid: number;
  size: number;
  /** Target of a symlink (lstat semantics). */
  linkTarget?: string;
}

/** What an lstat answers, locally (node's fs.Stats) and over SFTP (ssh2's Stats) alike. */
export interface LstatResult {
  mode: number;
  uid: number;
  gid: number;
  size: number;
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** The FileStat of an lstat result; `readLink` is called only for a symlink, to fill in its target. */
export async function fileStatOf(stats: LstatResult, readLink: () => Promise<string>): Promise<FileStat> {
  const type = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
  return {
    type,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    linkTarget: type === 'link' ? await readLink() : undefined,
  };
}

export interface WriteOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

export interface Transport {
  /** Name of the node this transport acts on (for output prefixes). */
  readonly nodeName: string;
  /** Runs a command; resolves with its result whatever the exit code; rejects only if it cannot start. */
  run(file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  readFile(path: string): Promise<Buffer | undefined>;
  /** Writes a temporary file beside `path` and renames it over: readers never see half a file. */
  writeFileAtomic(path: string, content: string | Buffer, options?: WriteOptions): Promise<void>;
  stat(path: string): Promise<FileStat | undefined>;
  mkdir(path: string, mode?: number): Promise<void>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  chown(path: string, uid: number, gid: number): Promise<void>;
  /** Is `name` an executable on the node's PATH? (provider suitability) */
  hasCommand(name: string): Promise<boolean>;
}

export class LocalTransport implements Transport {
  constructor(readonly nodeName: string = 'localhost') {}

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const result = await execa(file, args, {
      input: options.input,
      env: options.env,
      cwd: options.cwd,
      timeout: options.timeoutMs,
      reject: false,
      stripFinalNewline: false,
    });
    if (result.failed && result.exitCode === undefined && !result.timedOut && !result.isTerminated) {
      throw new Error(`cannot run ${file}: ${result.shortMessage ?? result.message}`);
    }
    return {
      command: [file, ...args],
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      exitCode: result.exitCode,
      timedOut: Boolean(result.timedOut),
    };
  }

  async readFile(path: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async writeFileAtomic(path: string, content: string | Buffer, options: WriteOptions = {}): Promise<void> {
    const temporary = join(dirname(path), `.${basename(path)}.papply-${randomBytes(6).toString('hex')}`);
    try {
      await fs.writeFile(temporary, content, { mode: options.mode ?? 0o644 });
      if (options.mode !== undefined) await fs.chmod(temporary, options.mode);
      if (options.uid !== undefined || options.gid !== undefined) {
        await fs.chown(temporary, options.uid ?? -1, options.gid ?? -1);
      }
      await fs.rename(temporary, path);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      return await fileStatOf(await fs.lstat(path), () => fs.readlink(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    await fs.mkdir(path, { mode });
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    await fs.rm(path, { recursive: options.recursive ?? false, force: true });
  }

  async symlink(target: string, path: string): Promise<void> {
    await fs.symlink(target, path);
  }

  async chmod(path: string, mode: number): Promise<void> {
    await fs.chmod(path, mode);
  }

  async chown(path: string, uid: number, gid: number): Promise<void> {
    await fs.lchown(path, uid, gid);
  }

  async hasCommand(name: string): Promise<boolean> {
    const result = await this.run('sh', ['-c', 'command -v "$1"', 'sh', name]);
    return result.exitCode === 0;
  }
}
