// haproxy_fragment: one HAProxy section in its own file of a conf.d directory (HAProxy >= 1.7
// loads every `*.cfg` of a directory given to `-f`, in byte order). The file is assembled like a
// concat file from the concat::fragment resources targeting the resource's title (the section
// name) or path, so a section and its balancer members land in one file.
//
// Before anything is replaced (or removed), the candidate is checked together with the main file
// and the rest of the directory: a temporary copy of the directory with the candidate in place of
// the file, then `haproxy -c -f <main> -f <copy>`. HAProxy's complaint fails the resource and the
// live file stays as it was. Sections of this run that are not written yet are added to the copy
// when the check fails without them (a frontend may name a backend of a later file). Writes are
// atomic (Transport.writeFileAtomic, through the file provider). The main file (global, defaults)
// can be a haproxy_fragment too (path = config_file): it is then checked with the directory.

import { posix as path } from 'node:path';
import type { Catalog, CatalogResource } from '../../compiler/catalog.js';
import type { Transport } from '../../backends/transport.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';
import { concatenateFragments, fragmentsTargeting } from '../core/concat.js';
import { PosixFileProvider, fileType } from '../core/file.js';

export const FRAGMENT_TYPE = 'haproxy_fragment';

/** Names of the `*.cfg` files of `dir` (HAProxy's choice of files), sorted; none when it does not exist. */
export async function configFilesIn(transport: Transport, dir: string): Promise<string[]> {
  if ((await transport.stat(dir))?.type !== 'directory') return [];
  const result = await transport.run('find', [dir, '-mindepth', '1', '-maxdepth', '1', '-name', '*.cfg', '-printf', '%f\\n']);
  if (result.exitCode !== 0) throw new Error(`cannot list ${dir}: ${result.stderr.trim()}`);
  return result.stdout.split('\n').filter(Boolean).sort();
}

/** Path of a haproxy_fragment catalog entry (its namevar defaults to the title). */
export function fragmentPath(entry: CatalogResource): string {
  return path.normalize(String(entry.parameters?.path ?? entry.title));
}

function isFragmentEntry(entry: CatalogResource): boolean {
  return entry.type.toLowerCase() === FRAGMENT_TYPE;
}

/** The haproxy_fragment entries of the catalog that live in `dir`. */
export function fragmentEntriesIn(catalog: Catalog, dir: string): CatalogResource[] {
  return catalog.resources.filter((entry) => isFragmentEntry(entry) && path.dirname(fragmentPath(entry)) === path.normalize(dir));
}

interface CheckInput {
  /** The main file: where it is, or the candidate content when the main file itself is checked. */
  main: { path: string } | { content: Buffer };
  /** The `*.cfg` files of the directory copy. */
  files: ReadonlyMap<string, Buffer>;
  /** A section file outside the directory. */
  outside?: Buffer;
}

interface CheckResult {
  ok: boolean;
  message: string;
}

class HaproxyFragmentProvider extends PosixFileProvider {
  static override readonly providerName = 'posix';
  static readonly confine = { commands: ['find', 'mktemp'] };

  protected override async loadWantedContent(): Promise<Buffer> {
    return (await this.sectionText(this.resource.title, this.resource.name)).content;
  }

  private sectionText(title: string, filePath: string) {
    return concatenateFragments(new Set([title, filePath]), this.context.catalog, this.context.modulepath, { ensureNewline: true });
  }

  override async create(): Promise<void> {
    await this.checkCandidate((await this.wantedContent()) ?? Buffer.alloc(0));
    await super.create();
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    if (property === 'content' && this.resource.get('replace') !== false) {
      await this.checkCandidate((await this.wantedContent()) ?? Buffer.alloc(0));
    }
    await super.set(property, value);
  }

  override async destroy(): Promise<void> {
    // Removing a backend that a frontend still names would break the configuration too.
    await this.checkCandidate(undefined);
    await super.destroy();
  }

  /** Throws HAProxy's message when the directory with `candidate` in place of this file (undefined: without it) is invalid. */
  private async checkCandidate(candidate: Buffer | undefined): Promise<void> {
    if (this.resource.get('validate') === false) return;
    const transport = this.context.transport;
    const mainFile = String(this.resource.get('config_file'));
    const dir = String(this.resource.get('config_dir'));
    const isMain = this.filePath === mainFile;
    const inDir = path.dirname(this.filePath) === dir;
    if (isMain && !candidate) return; // removing the main file: nothing left to check
    if (!isMain && !(await transport.stat(mainFile))) {
      throw new Error(`cannot check ${this.filePath}: the main HAProxy file ${mainFile} does not exist (sections are checked together with it)`);
    }
    const onDisk = await configFilesIn(transport, dir);
    const files = new Map<string, Buffer>();
    for (const name of onDisk) {
      if (!inDir || name !== path.basename(this.filePath)) files.set(name, (await transport.readFile(path.join(dir, name))) ?? Buffer.alloc(0));
    }
    const check: CheckInput = { main: isMain ? { content: candidate! } : { path: mainFile }, files };
    if (!isMain && candidate) {
      if (inDir) files.set(path.basename(this.filePath), candidate);
      else check.outside = candidate;
    }
    const first = await this.runCheck(check, dir);
    if (first.ok) return;
    const pending = await this.pendingSections(dir, new Set(onDisk));
    if (pending.size > 0 && (await this.runCheck({ ...check, files: new Map([...pending, ...files]) }, dir)).ok) return;
    throw new Error(`HAProxy rejects ${this.filePath}: ${first.message}`);
  }

  /** Sections of this catalog in `dir` whose files do not exist yet (written later in this run). */
  private async pendingSections(dir: string, onDisk: ReadonlySet<string>): Promise<Map<string, Buffer>> {
    const pending = new Map<string, Buffer>();
    for (const entry of fragmentEntriesIn(this.context.catalog, dir)) {
      const file = fragmentPath(entry);
      if (file === this.filePath || onDisk.has(path.basename(file)) || entry.parameters?.ensure === 'absent') continue;
      pending.set(path.basename(file), (await this.sectionText(entry.title, file)).content);
    }
    return pending;
  }

  /**
   * `haproxy -c -f <main> -f <temporary copy of the directory>` (+ `-f <file>` for a section
   * outside it). Exit 2 ("no error but will not start (no listener)") counts as valid: a main
   * file before its sections, or backends only.
   */
  private async runCheck(input: CheckInput, dir: string): Promise<CheckResult> {
    const transport = this.context.transport;
    const made = await this.execute(['mktemp', '-d', '/tmp/papply-haproxy-check.XXXXXX']);
    const copy = made.stdout.trim();
    // Names without `.cfg` are not loaded from the directory, only where named with -f.
    const mainCopy = path.join(copy, '.main');
    const outsideCopy = path.join(copy, '.outside');
    try {
      for (const [name, content] of input.files) await transport.writeFileAtomic(path.join(copy, name), content, { mode: 0o600 });
      const mainArgument = 'path' in input.main ? input.main.path : mainCopy;
      if ('content' in input.main) await transport.writeFileAtomic(mainCopy, input.main.content, { mode: 0o600 });
      const argv = [String(this.resource.get('haproxy')), '-c', '-f', mainArgument, '-f', copy];
      if (input.outside) {
        await transport.writeFileAtomic(outsideCopy, input.outside, { mode: 0o600 });
        argv.push('-f', outsideCopy);
      }
      const result = await this.executeUnchecked(argv);
      const output = `${result.stdout}\n${result.stderr}`.split(mainCopy).join(String(this.resource.get('config_file'))).split(outsideCopy).join(this.filePath).split(copy).join(dir);
      const alerts = output.split('\n').filter((line) => /\[(ALERT|ERROR)\]/.test(line)).map((line) => line.trim());
      return { ok: result.exitCode === 0 || result.exitCode === 2, message: (alerts.length > 0 ? alerts : [output.trim()]).join('; ') };
    } finally {
      await transport.remove(copy, { recursive: true });
    }
  }
}

const file = fileType.definition.attributes;

export const haproxyFragmentType = registerType(
  {
    name: FRAGMENT_TYPE,
    doc: 'One HAProxy section in its own file of a conf.d directory, built from concat::fragment resources and checked with HAProxy before it replaces anything.',
    ensurable: { values: ['present', 'absent'], defaultTo: 'present' },
    attributes: {
      path: file.path!,
      content: { ...file.content!, doc: 'Computed from the fragments targeting the title or path; not settable.' },
      mode: file.mode!,
      owner: file.owner!,
      group: file.group!,
      backup: file.backup!,
      replace: file.replace!,
      show_diff: file.show_diff!,
      config_file: {
        kind: 'parameter',
        doc: 'The main HAProxy file (global, defaults), given first to `haproxy -c`.',
        validate: (value) => {
          if (!String(value).startsWith('/')) throw new Error(`config_file must be an absolute path, not '${String(value)}'`);
        },
      },
      config_dir: {
        kind: 'parameter',
        doc: 'The directory HAProxy loads (default: the directory of path).',
        defaultTo: (resource) => path.dirname(resource.name),
        munge: (value) => path.normalize(String(value)).replace(/(.)\/+$/, '$1'),
      },
      haproxy: { kind: 'parameter', doc: 'The haproxy executable used for checks.', defaultTo: 'haproxy' },
      validate: booleanAttribute('parameter', true),
    },
    autorequire: {
      'concat::fragment': (resource, catalog) => fragmentsTargeting(new Set([resource.title, resource.name]), catalog).map((entry) => entry.title),
      haproxy_conf_dir: (resource) => [String(resource.get('config_dir'))],
      // The main file (itself a haproxy_fragment at config_file, or a file) is written before the sections.
      haproxy_fragment: (resource) => (resource.get('config_file') === undefined || resource.get('config_file') === resource.name ? [] : [String(resource.get('config_file'))]),
      file: (resource) => [String(resource.get('config_file')), String(resource.get('config_dir'))],
    },
    validate: (resource) => {
      if (resource.catalogEntry.parameters?.content !== undefined) throw new Error('content is computed from the fragments; use concat::fragment with target => the section');
      if (resource.get('config_file') === undefined && resource.get('validate') !== false) throw new Error('config_file is required to check the section (or validate => false)');
      // The content property is always managed: it is computed by the provider.
      if (resource.get('ensure') !== 'absent') resource.set('content', '');
    },
  },
  [HaproxyFragmentProvider],
);
