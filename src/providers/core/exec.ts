// exec: runs a command when its checks say so (creates/onlyif/unless/refreshonly), and again on
// refresh. The `posix` provider (default) splits the command into an argument vector and runs it
// without a shell; the `shell` provider runs it with `/bin/sh -c`.

import { posix as path } from 'node:path';
import type { CatalogValue } from '../../compiler/catalog.js';
import type { CommandResult } from '../../backends/transport.js';
import { Provider, withProgress } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';

/** Characters a shell would interpret when unquoted: redirections, pipes, lists, expansions. */
const SHELL_OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);

/**
 * Splits a command line into words as a POSIX shell would (quotes, backslashes), without expanding
 * anything; `operators` lists the unquoted characters only a shell would give a meaning to.
 */
export function scanCommandLine(command: string): { words: string[]; operators: string[] } {
  const words: string[] = [];
  const operators = new Set<string>();
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && index + 1 < command.length && '"\\$`'.includes(command[index + 1]!)) current += command[++index];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < command.length) {
      current += command[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      if (SHELL_OPERATORS.has(char)) operators.add(char);
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in command: ${command}`);
  if (inWord) words.push(current);
  return { words, operators: [...operators] };
}

export function splitCommandLine(command: string): string[] {
  return scanCommandLine(command).words;
}

/** A command line (split like a shell would, run without one) or an argument vector. */
type Command = string | string[];

function display(command: Command): string {
  return Array.isArray(command) ? command.join(' ') : command;
}

function list(value: AttributeValue): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function searchPath(resource: Resource): string[] {
  const value = resource.get('path');
  return list(value).flatMap((entry) => entry.split(':')).filter(Boolean);
}

abstract class ExecProvider extends Provider {
  /** The argument vector of a command line, resolved against `path`. */
  protected abstract argv(command: string): Promise<string[]>;

  /** An array command (Puppet 7) is an argument vector as it is: no splitting, no shell. */
  private async argvOf(command: Command): Promise<string[]> {
    return Array.isArray(command) ? command : this.argv(command);
  }

  /** Runs a command line with the resource's environment, cwd, user and timeout. */
  async run(command: Command, timeoutSeconds = Number(this.resource.get('timeout') ?? 300)): Promise<CommandResult> {
    const env: Record<string, string> = {};
    const dirs = searchPath(this.resource);
    if (dirs.length > 0) env.PATH = dirs.join(':');
    for (const entry of list(this.resource.get('environment'))) {
      const at = entry.indexOf('=');
      if (at <= 0) throw new Error(`Invalid environment setting '${entry}'`);
      env[entry.slice(0, at)] = entry.slice(at + 1);
    }
    let argv = await this.argvOf(command);
    const user = this.resource.get('user');
    const group = this.resource.get('group');
    if (user !== undefined || group !== undefined) {
      argv = ['runuser', '-u', String(user ?? 'root'), ...(group === undefined ? [] : ['-g', String(group)]), '--', ...argv];
    }
    const cwd = this.resource.get('cwd');
    if (cwd !== undefined && (await this.context.transport.stat(String(cwd)))?.type !== 'directory') {
      throw new Error(`Working directory ${String(cwd)} does not exist!`);
    }
    this.resource.debug(`Executing '${display(command)}'`);
    const [file, ...args] = argv;
    const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined;
    const result = await withProgress(
      this.context,
      this.resource,
      `'${display(command)}'`,
      timeoutMs,
      this.context.transport.run(file!, args, { env, cwd: cwd === undefined ? undefined : String(cwd), timeoutMs }),
    );
    if (result.timedOut) throw new Error(`Command exceeded timeout: ${display(command)}`);
    return result;
  }

  /** Whether a check command (onlyif/unless) succeeds; its output goes to debug. */
  async checkSucceeds(command: string): Promise<boolean> {
    const result = await this.run(command);
    for (const line of (result.stdout + result.stderr).split('\n').filter(Boolean)) this.resource.debug(line);
    return result.exitCode === 0;
  }

  /** Puppet's check_all_attributes: should the command run now? */
  async shouldRun(refreshing: boolean): Promise<boolean> {
    const resource = this.resource;
    if (resource.get('refreshonly') && !refreshing) return false;
    for (const file of list(resource.get('creates'))) {
      if (await this.context.transport.stat(file)) {
        resource.debug(`Skipping because ${file} exists`);
        return false;
      }
    }
    for (const check of list(resource.get('onlyif'))) {
      if (!(await this.checkSucceeds(check))) {
        resource.debug(`Skipping because of failed onlyif: ${check}`);
        return false;
      }
    }
    for (const check of list(resource.get('unless'))) {
      if (await this.checkSucceeds(check)) {
        resource.debug(`Skipping because of successful unless: ${check}`);
        return false;
      }
    }
    return true;
  }

  override async get(property: string): Promise<AttributeValue> {
    if (property !== 'returns') return undefined;
    return (await this.shouldRun(false)) ? 'notrun' : this.resource.get('returns');
  }

  override async set(property: string): Promise<void> {
    if (property === 'returns') await this.execute_command(this.resource.get('command') as Command);
  }

  /** Runs with tries/try_sleep, logs output per logoutput, fails unless the exit code is in returns. */
  async execute_command(command: Command): Promise<void> {
    const resource = this.resource;
    const returns = (resource.get('returns') as number[]) ?? [0];
    const tries = Number(resource.get('tries') ?? 1);
    const sleep = Number(resource.get('try_sleep') ?? 0);
    let result: CommandResult | undefined;
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) {
        resource.debug(`Exec try ${attempt}/${tries}`);
        if (sleep > 0) await new Promise((done) => setTimeout(done, sleep * 1000));
      }
      result = await this.run(command);
      if (result.exitCode !== undefined && returns.includes(result.exitCode)) break;
    }
    const ok = result!.exitCode !== undefined && returns.includes(result!.exitCode);
    const logoutput = resource.get('logoutput');
    const output = `${result!.stdout}${result!.stderr}`.split('\n').filter((line) => line !== '');
    if (logoutput === true || (logoutput === 'on_failure' && !ok)) {
      const level = ok ? ((resource.meta.loglevel as 'notice' | undefined) ?? 'notice') : 'err';
      for (const line of output) resource.logProperty('returns', level, line);
    }
    if (!ok) {
      const expected = returns.length === 1 ? `[${returns[0]}]` : `[${returns.join(', ')}]`;
      const message = `'${display(command)}' returned ${result!.exitCode ?? 'a signal'} instead of one of ${expected}`;
      this.context.log('err', message);
      throw new Error(message);
    }
  }
}

export class PosixExecProvider extends ExecProvider {
  static override readonly providerName = 'posix';
  static readonly defaultFor = [{ kernel: 'Linux' }];

  protected async argv(command: string): Promise<string[]> {
    const words = splitCommandLine(command);
    if (words.length === 0) throw new Error('empty command');
    const executable = words[0]!;
    if (executable.includes('/')) {
      const stat = await this.context.transport.stat(executable);
      if (!stat || stat.type === 'directory' || (stat.mode & 0o111) === 0) throw new Error(`Could not find command '${executable}'`);
      return words;
    }
    for (const dir of searchPath(this.resource)) {
      const candidate = path.join(dir, executable);
      const stat = await this.context.transport.stat(candidate);
      if (stat && stat.type !== 'directory' && (stat.mode & 0o111) !== 0) return [candidate, ...words.slice(1)];
    }
    throw new Error(`Could not find command '${executable}'`);
  }
}

export class ShellExecProvider extends ExecProvider {
  static override readonly providerName = 'shell';

  protected async argv(command: string): Promise<string[]> {
    return ['/bin/sh', '-c', command];
  }
}

function integerList(value: CatalogValue): number[] {
  return (Array.isArray(value) ? value : [value]).map((item) => Number(item));
}

export const execType = registerType(
  {
    name: 'exec',
    doc: 'Runs a command when its checks say so, and on refresh.',
    isomorphic: false,
    attributes: {
      command: {
        kind: 'parameter',
        namevar: true,
        validate: (value) => {
          const ok = typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((word) => typeof word === 'string'));
          if (!ok) throw new Error('Command must be a String or an Array of Strings');
        },
        munge: (value) => (Array.isArray(value) ? value.map(String) : String(value)),
      },
      returns: {
        kind: 'property',
        defaultTo: 0,
        values: [/^\d+$/],
        munge: integerList,
        insync: (is, should) => is !== 'notrun' && JSON.stringify(is) === JSON.stringify(should),
        format: (value) => (Array.isArray(value) ? `[${value.map((v) => `'${String(v)}'`).join(', ')}]` : `'${String(value)}'`),
        changeMessage: () => 'executed successfully',
      },
      path: { kind: 'parameter' },
      creates: {
        kind: 'parameter',
        validate: (value) => {
          for (const file of Array.isArray(value) ? value : [value]) {
            if (!String(file).startsWith('/')) throw new Error(`'${String(file)}' is not a fully qualified path`);
          }
        },
      },
      onlyif: { kind: 'parameter' },
      unless: { kind: 'parameter' },
      refreshonly: booleanAttribute('parameter', false),
      refresh: { kind: 'parameter' },
      timeout: { kind: 'parameter', defaultTo: 300, values: [/^\d+(\.\d+)?$/], munge: Number },
      tries: { kind: 'parameter', defaultTo: 1, values: [/^[1-9]\d*$/], munge: Number },
      try_sleep: { kind: 'parameter', defaultTo: 0, values: [/^\d+(\.\d+)?$/], munge: Number },
      environment: {
        kind: 'parameter',
        validate: (value) => {
          for (const entry of Array.isArray(value) ? value : [value]) {
            if (!/^[^=]+=/.test(String(entry))) throw new Error(`Invalid environment setting '${String(entry)}'`);
          }
        },
      },
      cwd: { kind: 'parameter' },
      user: { kind: 'parameter' },
      group: { kind: 'parameter' },
      logoutput: {
        kind: 'parameter',
        defaultTo: 'on_failure',
        values: ['true', 'false', 'on_failure'],
        munge: (value) => (value === 'on_failure' ? 'on_failure' : value === true || value === 'true'),
      },
    },
    autorequire: {
      file: (resource) => {
        const titles = list(resource.get('cwd'));
        const first = words(resource.get('command') as Command)[0];
        if (first?.startsWith('/')) titles.push(first);
        return titles;
      },
      user: (resource) => list(resource.get('user')),
    },
    validate: (resource) => {
      const command = display(resource.get('command') as Command);
      const first = words(resource.get('command') as Command)[0] ?? '';
      // Without a shell, `>`, `|`, `$X` ... would be plain arguments: say so instead of running it.
      if (resource.meta.provider !== 'shell') {
        for (const [name, value] of [['command', resource.get('command')], ['onlyif', resource.get('onlyif')], ['unless', resource.get('unless')]] as const) {
          if (name === 'command' && Array.isArray(value)) continue;
          for (const line of list(value)) {
            const { operators } = scanCommandLineSafe(line);
            if (operators.length > 0) {
              throw new Error(`${name} '${line}' uses shell syntax (${operators.join(' ')}) but the posix provider runs commands without a shell: quote it, or set provider => shell`);
            }
          }
        }
      }
      if (resource.meta.provider !== 'shell' && !first.startsWith('/') && searchPath(resource).length === 0) {
        throw new Error(`'${command}' is not qualified and no path was specified. Please qualify the command or specify a path.`);
      }
    },
    refresh: async (resource) => {
      const provider = resource.provider as ExecProvider;
      if (!(await provider.shouldRun(true))) return;
      await provider.execute_command((resource.get('refresh') ?? resource.get('command')) as Command);
    },
  },
  [PosixExecProvider, ShellExecProvider],
);

function scanCommandLineSafe(command: string): { words: string[]; operators: string[] } {
  try {
    return scanCommandLine(command);
  } catch {
    return { words: [], operators: [] };
  }
}

function words(command: Command): string[] {
  if (Array.isArray(command)) return command;
  try {
    return splitCommandLine(command);
  } catch {
    return [];
  }
}
