// file: files, directories and symlinks with content (inline or from a module's files/), mode,
// owner, group. Content is written atomically (Transport.writeFileAtomic); replaced content can
// be backed up (`backup => '.bak'` beside the file, or a bucket name: the client bucket).

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { posix as path } from 'node:path';
import type { CatalogValue } from '../../compiler/catalog.js';
import type { FileStat } from '../../backends/transport.js';
import type { ApplyContext } from '../framework/context.js';
import { registerApplyOption } from '../framework/options.js';
import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute, formatValue, type AttributeValue } from '../framework/type.js';
import { unifiedDiff } from './diff.js';
import { splitCommandLine } from './exec.js';
import { lookupGroup, lookupUser, groupName, userName } from './accounts.js';
import { mungeRecurse, recursiveChildren } from './file-recurse.js';

registerApplyOption({ flags: '--clientbucket-dir <dir>', description: 'where file backups to a bucket go', defaultValue: '/var/lib/papply/clientbucket' });

export function checksum(content: string | Buffer): string {
  return `{sha256}${createHash('sha256').update(content).digest('hex')}`;
}

/** `0644`-style: numeric modes are normalised to four octal digits; symbolic modes stay as given. */
function mungeMode(value: CatalogValue): string {
  const text = String(value);
  if (/^[0-7]{1,4}$/.test(text)) return text.padStart(4, '0');
  return text;
}

const SYMBOLIC = /^([ugoa]*)([-+=])([rwxXst]*)$/;

/** The mode a (numeric or symbolic) setting gives, starting from `current`; directories get search bits where readable. */
export function desiredMode(setting: string, current: number, directory: boolean): number {
  if (/^[0-7]{4}$/.test(setting)) {
    let mode = parseInt(setting, 8);
    // As Puppet: numeric modes on directories add x wherever r is set.
    if (directory) for (const [read, search] of [[0o400, 0o100], [0o40, 0o10], [0o4, 0o1]] as const) if (mode & read) mode |= search;
    return mode;
  }
  let mode = current;
  for (const clause of setting.split(',')) {
    const match = SYMBOLIC.exec(clause.trim());
    if (!match) throw new Error(`Invalid value "${setting}". The file mode specification is invalid: "${setting}"`);
    const who = match[1] === '' || match[1]!.includes('a') ? 'ugo' : match[1]!;
    const shifts = [...who].map((w) => ({ u: 6, g: 3, o: 0 })[w as 'u' | 'g' | 'o']);
    let bits = 0;
    for (const shift of shifts) {
      for (const permission of match[3]!) {
        if (permission === 'r') bits |= 4 << shift;
        if (permission === 'w') bits |= 2 << shift;
        if (permission === 'x' || (permission === 'X' && (directory || (current & 0o111) !== 0))) bits |= 1 << shift;
        if (permission === 's') bits |= shift === 6 ? 0o4000 : shift === 3 ? 0o2000 : 0;
        if (permission === 't') bits |= 0o1000;
      }
    }
    const mask = shifts.reduce((acc, shift) => acc | (7 << shift), 0);
    if (match[2] === '=') mode = (mode & ~mask) | bits;
    else if (match[2] === '+') mode |= bits;
    else mode &= ~bits;
  }
  return mode;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** `puppet:///modules/<module>/<file>` or a local path → the local file to read. */
export async function resolveSource(source: string, modulepath: readonly string[]): Promise<string | undefined> {
  const moduleMatch = /^puppet:\/\/[^/]*\/modules\/([^/]+)\/(.+)$/.exec(source);
  if (moduleMatch) {
    for (const dir of modulepath) {
      const candidate = path.join(dir, moduleMatch[1]!, 'files', moduleMatch[2]!);
      if (await fs.stat(candidate).then(() => true, () => false)) return candidate;
    }
    return undefined;
  }
  const local = source.startsWith('file://') ? source.slice('file://'.length) : source;
  return (await fs.stat(local).then(() => true, () => false)) ? local : undefined;
}

/** Stands for the content of `source` until the provider read it (so that content is a managed property). */
const FROM_SOURCE = '\u0000papply:content-from-source';

function sourcesOf(resource: Resource): string[] {
  const value = resource.get('source');
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
}

/** Wanted content: `content`, else the first source that exists (read on the machine running papply). */
async function wantedContent(resource: Resource, context: ApplyContext): Promise<Buffer | undefined> {
  const content = resource.get('content');
  if (content !== undefined && content !== FROM_SOURCE) return Buffer.from(String(content));
  const sources = sourcesOf(resource);
  if (sources.length === 0) return undefined;
  for (const source of sources) {
    const local = await resolveSource(source, context.modulepath);
    if (local && (await fs.stat(local)).isFile()) return fs.readFile(local);
    if (local) return undefined; // a directory source: nothing to copy without recursion
  }
  throw new Error(`Could not retrieve information from environment production source(s) ${sources.join(', ')}`);
}

/** The first source that exists, when it is a directory (the root of a recursive copy). */
async function sourceDirectory(resource: Resource): Promise<{ source: string; local: string } | undefined> {
  for (const source of sourcesOf(resource)) {
    const local = await resolveSource(source, provider(resource).context.modulepath);
    if (local) return (await fs.stat(local)).isDirectory() ? { source, local } : undefined;
  }
  return undefined;
}

export class PosixFileProvider extends Provider {
  static override readonly providerName = 'posix';
  static readonly defaultFor = [{ kernel: 'Linux' }];
  private wanted: Buffer | undefined | null = null;
  /** Kind of the file when last looked at (mode insync needs it for directories). */
  currentType: string | undefined;

  protected get filePath(): string {
    return this.resource.name;
  }

  private async content(): Promise<Buffer | undefined> {
    if (this.wanted === null) this.wanted = await this.loadWantedContent();
    return this.wanted;
  }

  /** The content the file should have (`content` or `source`); concat overrides it. */
  protected async loadWantedContent(): Promise<Buffer | undefined> {
    return wantedContent(this.resource, this.context);
  }

  /**
   * `validate_cmd`: the new content is written to a temporary file beside the target and checked
   * with the command (`%` = that file) before it replaces anything.
   */
  private async validateContent(content: Buffer): Promise<void> {
    const command = this.resource.get('validate_cmd');
    if (command === undefined) return;
    const transport = this.context.transport;
    const candidate = path.join(path.dirname(this.filePath), `.${path.basename(this.filePath)}.papply-validate-${process.pid}`);
    await transport.writeFileAtomic(candidate, content, { mode: 0o600 });
    try {
      const replacement = String(this.resource.get('validate_replacement') ?? '%');
      const argv = splitCommandLine(String(command)).map((word) => word.split(replacement).join(candidate));
      const result = await this.executeUnchecked(argv);
      if (result.exitCode !== 0) {
        throw new Error(`Execution of '${argv.join(' ')}' returned ${result.exitCode ?? 'a signal'}: ${(result.stdout + result.stderr).trim()}`);
      }
    } finally {
      await transport.remove(candidate);
    }
  }

  /** Checksum of the wanted content once it was read (messages are synchronous). */
  get wantedChecksum(): string | undefined {
    return this.wanted ? checksum(this.wanted) : undefined;
  }

  /** Raw wanted content (for diffs). */
  async wantedContent(): Promise<Buffer | undefined> {
    return this.content();
  }

  override async exists(): Promise<boolean> {
    return (await this.context.transport.stat(this.filePath)) !== undefined;
  }

  override async get(property: string): Promise<AttributeValue> {
    const transport = this.context.transport;
    const stat = await transport.stat(this.filePath);
    this.currentType = stat?.type;
    if (property === 'ensure') {
      // Without an ensure, a source decides what the file is: a directory source makes a directory.
      if (this.resource.catalogEntry.parameters?.ensure === undefined && (await sourceDirectory(this.resource))) this.resource.set('ensure', 'directory');
      return stat ? stat.type : 'absent';
    }
    if (!stat) return undefined;
    switch (property) {
      case 'content': {
        // From here on the wanted content is compared and shown as its checksum.
        const wanted = await this.content();
        this.resource.set('content', wanted === undefined ? undefined : checksum(wanted));
        if (stat.type !== 'file') return undefined;
        return checksum((await transport.readFile(this.filePath)) ?? Buffer.alloc(0));
      }
      case 'mode': {
        // A numeric mode on a directory means its search bits too: compared and shown that way, as Puppet.
        const setting = this.resource.get('mode');
        if (stat.type === 'directory' && typeof setting === 'string' && /^[0-7]{4}$/.test(setting)) this.resource.set('mode', octal(desiredMode(setting, stat.mode, true)));
        return stat.type === 'link' ? undefined : octal(stat.mode);
      }
      // Compared in the form the manifest uses: a numeric owner against the uid, a name against the name.
      case 'owner':
        return /^\d+$/.test(String(this.resource.get('owner'))) ? String(stat.uid) : userName(this.context, stat.uid);
      case 'group':
        return /^\d+$/.test(String(this.resource.get('group'))) ? String(stat.gid) : groupName(this.context, stat.gid);
      case 'target':
        return stat.type === 'link' ? stat.linkTarget : 'notlink';
      default:
        return undefined;
    }
  }

  private async ids(): Promise<{ uid?: number; gid?: number }> {
    const owner = this.resource.get('owner');
    const group = this.resource.get('group');
    return {
      uid: owner === undefined ? undefined : await lookupUser(this.context, String(owner)),
      gid: group === undefined ? undefined : await lookupGroup(this.context, String(group)),
    };
  }

  /** A new file gets the wanted mode and owner; replaced content keeps the file's (mode/owner/group sync on their own). */
  private async writeContent(content: Buffer, existing?: FileStat): Promise<void> {
    await this.validateContent(content);
    if (existing) {
      await this.context.transport.writeFileAtomic(this.filePath, content, { mode: existing.mode, uid: existing.uid, gid: existing.gid });
      return;
    }
    const setting = this.resource.get('mode') as string | undefined;
    const mode = setting === undefined ? 0o644 : desiredMode(setting, 0o644, false);
    const { uid, gid } = await this.ids();
    await this.context.transport.writeFileAtomic(this.filePath, content, { mode, uid, gid });
  }

  override async create(): Promise<void> {
    const transport = this.context.transport;
    const ensure = String(this.resource.get('ensure'));
    if ((await transport.stat(path.dirname(this.filePath)))?.type !== 'directory') {
      throw new Error(
        `Could not set '${ensure === 'present' ? 'file' : ensure}' on ensure: No such file or directory - A directory component in ${this.filePath} does not exist or is a dangling symbolic link`,
      );
    }
    if (ensure === 'directory') {
      const setting = this.resource.get('mode') as string | undefined;
      await transport.mkdir(this.filePath, setting === undefined ? 0o755 : desiredMode(setting, 0o755, true));
      if (setting !== undefined) await transport.chmod(this.filePath, desiredMode(setting, 0o755, true));
      await this.applyOwnership();
      return;
    }
    if (ensure === 'link') {
      await transport.symlink(String(this.resource.get('target')), this.filePath);
      await this.applyOwnership();
      return;
    }
    await this.writeContent((await this.content()) ?? Buffer.alloc(0));
  }

  private async applyOwnership(): Promise<void> {
    const { uid, gid } = await this.ids();
    if (uid !== undefined || gid !== undefined) {
      const stat = (await this.context.transport.stat(this.filePath))!;
      await this.context.transport.chown(this.filePath, uid ?? stat.uid, gid ?? stat.gid);
    }
  }

  override async destroy(): Promise<void> {
    const stat = await this.context.transport.stat(this.filePath);
    if (stat?.type === 'directory' && !this.resource.get('force')) {
      throw new Error(`Could not remove directory ${this.filePath}: use 'force' to override`);
    }
    await this.backup();
    await this.context.transport.remove(this.filePath, { recursive: true });
  }

  /** Keeps replaced content: `.suffix` beside the file, or in the client bucket. */
  async backup(): Promise<void> {
    const setting = this.resource.get('backup');
    const transport = this.context.transport;
    const stat = await transport.stat(this.filePath);
    if (setting === false || setting === undefined || stat?.type !== 'file') return;
    const content = (await transport.readFile(this.filePath)) ?? Buffer.alloc(0);
    const suffix = String(setting);
    if (suffix.startsWith('.')) {
      await transport.writeFileAtomic(`${this.filePath}${suffix}`, content, { mode: stat.mode, uid: stat.uid, gid: stat.gid });
      this.resource.info(`Filebucketed ${this.filePath} to ${this.filePath}${suffix}`);
      return;
    }
    const sum = createHash('sha256').update(content).digest('hex');
    const bucket = String(this.context.options.clientbucketDir ?? '/var/lib/papply/clientbucket');
    let dir = bucket;
    for (const part of [bucket, ...sum.slice(0, 8).split(''), sum]) {
      dir = part === bucket ? bucket : path.join(dir, part);
      if (!(await transport.stat(dir))) await transport.mkdir(dir, 0o750);
    }
    await transport.writeFileAtomic(path.join(dir, 'contents'), content, { mode: 0o440 });
    await transport.writeFileAtomic(path.join(dir, 'paths'), `${this.filePath}\n`, { mode: 0o440 });
    this.resource.info(`Filebucketed ${this.filePath} to ${suffix} with sum ${sum}`);
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    const transport = this.context.transport;
    const stat = await transport.stat(this.filePath);
    switch (property) {
      case 'ensure': {
        // From one kind to another: a directory is only replaced with force.
        if (stat?.type === 'directory' && !this.resource.get('force')) {
          throw new Error(`Not replacing directory ${this.filePath}; use 'force' to override`);
        }
        if (value === 'present') return;
        await this.backup();
        await transport.remove(this.filePath, { recursive: true });
        return this.create();
      }
      case 'content': {
        if (this.resource.get('replace') === false && stat) return;
        await this.backup();
        return this.writeContent((await this.content()) ?? Buffer.alloc(0), stat);
      }
      case 'mode':
        return transport.chmod(this.filePath, desiredMode(String(value), stat!.mode, stat!.type === 'directory'));
      case 'owner':
      case 'group': {
        const { uid, gid } = await this.ids();
        return transport.chown(this.filePath, property === 'owner' ? uid! : stat!.uid, property === 'group' ? gid! : stat!.gid);
      }
      case 'target':
        await transport.remove(this.filePath);
        return transport.symlink(String(value), this.filePath);
    }
  }
}

function provider(resource: Resource): PosixFileProvider {
  return resource.provider as PosixFileProvider;
}

const sensitiveContent = (resource: Resource) => resource.catalogEntry.sensitive_parameters?.includes('content') ?? false;

export const fileType = registerType(
  {
    name: 'file',
    doc: 'Files, directories and symbolic links.',
    ensurable: {
      values: ['present', 'absent', 'file', 'directory', 'link', /^\//],
      defaultTo: (resource) => {
        if (resource.get('target') !== undefined && resource.get('content') === undefined) return 'link';
        if (resource.get('content') !== undefined || resource.get('source') !== undefined) return 'file';
        return undefined;
      },
      insync: (is, should, resource) => {
        if (should === 'present') return is !== 'absent';
        // `ensure => '/target'` is a link to that target.
        if (typeof should === 'string' && should.startsWith('/')) return is === 'link' && resource.get('target') === should;
        return is === should;
      },
      changeMessage: (is, should, resource) => {
        const sum = provider(resource).wantedChecksum;
        if ((is === 'absent' || is === undefined) && should === 'file' && sum !== undefined && resource.has('content')) {
          return `defined content as '${sensitiveContent(resource) ? '[redacted]' : sum}'`;
        }
        if (is === 'absent' || is === undefined) return 'created';
        if (should === 'absent') return 'removed';
        return `ensure changed '${String(is)}' to '${String(should)}'`;
      },
      munge: (value, resource) => {
        const text = String(value);
        if (text.startsWith('/')) {
          resource.set('target', text);
          return 'link';
        }
        return text;
      },
    },
    attributes: {
      path: {
        kind: 'parameter',
        namevar: true,
        validate: (value) => {
          if (!String(value).startsWith('/')) throw new Error(`File paths must be fully qualified, not '${String(value)}'`);
        },
        munge: (value) => {
          const text = path.normalize(String(value));
          return text.length > 1 ? text.replace(/\/+$/, '') : text;
        },
      },
      content: {
        kind: 'property',
        // The provider swaps the wanted content for its checksum when it reads the file.
        format: (value, resource) => (sensitiveContent(resource) ? '[redacted]' : typeof value === 'string' && value.startsWith('{sha256}') ? `'${value}'` : `'${checksum(String(value ?? ''))}'`),
        showChange: async (is, _should, resource) => {
          const file = provider(resource);
          if (!file.context.options.showDiff || sensitiveContent(resource) || resource.get('show_diff') === false || typeof is !== 'string') return;
          const current = (await file.context.transport.readFile(resource.name))?.toString('utf8') ?? '';
          const wanted = (await file.wantedContent())?.toString('utf8') ?? '';
          resource.logProperty('content', 'notice', `\n${unifiedDiff(current, wanted, resource.name, `${resource.name} (new content)`)}`);
        },
      },
      source: { kind: 'parameter' },
      mode: {
        kind: 'property',
        validate: (value) => {
          const text = String(value);
          if (!/^[0-7]{1,4}$/.test(text) && !text.split(',').every((clause) => SYMBOLIC.test(clause.trim()))) {
            throw new Error(`The file mode specification is invalid: "${text}"`);
          }
        },
        munge: mungeMode,
        insync: (is, should, resource) => {
          if (is === undefined || is === 'absent') return false;
          const current = parseInt(String(is), 8);
          const directory = provider(resource).currentType === 'directory';
          return desiredMode(String(should), current, directory) === current;
        },
        format: (value) => formatValue(value),
      },
      owner: { kind: 'property', munge: String },
      group: { kind: 'property', munge: String },
      target: { kind: 'property' },
      force: booleanAttribute('parameter', false),
      replace: booleanAttribute('parameter', true),
      backup: {
        kind: 'parameter',
        defaultTo: false,
        munge: (value) => (value === false || value === 'false' ? false : String(value)),
      },
      // The directory's contents become resources of their own at apply time (file-recurse.ts).
      recurse: { kind: 'parameter', values: ['true', 'false', 'remote', 'inf'], munge: mungeRecurse, defaultTo: false },
      recurselimit: {
        kind: 'parameter',
        validate: (value) => {
          if (!/^\d+$/.test(String(value))) throw new Error(`Invalid value ${JSON.stringify(value)}. recurselimit must be a non-negative integer`);
        },
        munge: Number,
      },
      ignore: { kind: 'parameter' },
      purge: booleanAttribute('parameter', false),
      sourceselect: { kind: 'parameter', values: ['first'], defaultTo: 'first' },
      checksum: { kind: 'parameter', values: ['sha256', 'md5', 'none'] },
      show_diff: booleanAttribute('parameter', true),
      selinux_ignore_defaults: booleanAttribute('parameter', false),
      // SELinux contexts: accepted and left alone (Debian runs without SELinux, as Puppet does there).
      seluser: { kind: 'parameter' },
      selrole: { kind: 'parameter' },
      seltype: { kind: 'parameter' },
      selrange: { kind: 'parameter' },
      validate_cmd: { kind: 'parameter' },
      validate_replacement: { kind: 'parameter', defaultTo: '%' },
    },
    autorequire: {
      file: (resource) => {
        const ancestors: string[] = [];
        for (let dir = path.dirname(resource.name); dir !== '/' && dir !== '.'; dir = path.dirname(dir)) ancestors.push(dir);
        return ancestors;
      },
      user: (resource) => (resource.get('owner') === undefined ? [] : [String(resource.get('owner'))]),
      group: (resource) => (resource.get('group') === undefined ? [] : [String(resource.get('group'))]),
    },
    generate: (resource) => recursiveChildren(resource, provider(resource).context, { sourceDirectory }),
    validate: (resource) => {
      if (resource.get('content') !== undefined && resource.get('source') !== undefined) {
        throw new Error('You cannot specify more than one of content, source, target');
      }
      if (resource.get('source') !== undefined) resource.set('content', FROM_SOURCE);

      if (resource.get('ensure') === 'link' && resource.get('target') === undefined) {
        throw new Error('ensure => link needs a target');
      }
    },
  },
  [PosixFileProvider],
);
