// file `recurse` and `purge`: the files a recursive directory generates at apply time, as Puppet's
// File#eval_generate does. One child per entry of the source tree (copied: ensure and source per
// entry) and per entry already on the node (its owner/group/mode managed like the parent's; with
// `purge`, removed unless the source has it). Children inherit the parent's metadata parameters;
// `recurselimit` bounds the depth, `ignore` (globs on names) skips entries and what is below them.
// A directory to purge without `force` stays, with Puppet's notice; its contents are still purged.

import { promises as fs } from 'node:fs';
import { posix as path } from 'node:path';
import type { CatalogResource, CatalogValue } from '../../compiler/catalog.js';
import type { ApplyContext } from '../framework/context.js';
import type { Resource } from '../framework/resource.js';

type EntryType = 'file' | 'directory' | 'link';

/** Parameters a generated child takes from its parent (Puppet's File#newchild keeps all but these few). */
const INHERITED = ['owner', 'group', 'mode', 'backup', 'replace', 'force', 'show_diff', 'checksum', 'validate_cmd', 'validate_replacement'];
/** Metaparameters that change how a child is applied. */
const INHERITED_META = ['noop', 'loglevel'];

/** `*.swp`, `.git`, `tmp?`: shell globs on one name. */
function globPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/** The entries below `root` on the node, relative paths → type (`find`, so ssh nodes work too). */
async function nodeTree(context: ApplyContext, root: string, depth: number): Promise<Map<string, EntryType>> {
  const tree = new Map<string, EntryType>();
  if ((await context.transport.stat(root))?.type !== 'directory') return tree;
  const limit = Number.isFinite(depth) ? ['-maxdepth', String(depth)] : [];
  const listed = await context.transport.run('find', [root, '-mindepth', '1', ...limit, '-printf', '%y %P\\0']);
  if (listed.exitCode !== 0) throw new Error(`cannot list ${root}: ${listed.stderr.trim()}`);
  for (const record of listed.stdout.split('\0')) {
    if (record === '') continue;
    const kind = record[0];
    tree.set(record.slice(2), kind === 'd' ? 'directory' : kind === 'l' ? 'link' : 'file');
  }
  return tree;
}

/** The entries below a local source directory (read where papply runs, like file content sources). */
async function sourceTree(root: string, depth: number): Promise<Map<string, EntryType>> {
  const tree = new Map<string, EntryType>();
  const walk = async (relative: string, level: number): Promise<void> => {
    if (level > depth) return;
    for (const name of await fs.readdir(path.join(root, relative))) {
      const entry = relative === '' ? name : `${relative}/${name}`;
      const directory = (await fs.stat(path.join(root, entry))).isDirectory();
      tree.set(entry, directory ? 'directory' : 'file');
      if (directory) await walk(entry, level + 1);
    }
  };
  await walk('', 1);
  return tree;
}

/** `recurse` munged: false, true or 'remote'. */
export function mungeRecurse(value: CatalogValue): boolean | 'remote' {
  if (value === true || value === 'true' || value === 'inf') return true;
  if (value === 'remote') return 'remote';
  return false;
}

export interface RecurseHooks {
  /** The first source that exists, resolved to a local path, with the source string it came from. */
  sourceDirectory(resource: Resource): Promise<{ source: string; local: string } | undefined>;
}

/** Catalog entries for the children of a recursive directory, sorted by path (parents first). */
export async function recursiveChildren(resource: Resource, context: ApplyContext, hooks: RecurseHooks): Promise<CatalogResource[]> {
  const recurse = resource.get('recurse') as boolean | 'remote' | undefined;
  if (!recurse || resource.get('ensure') === 'absent') return [];
  const root = resource.name;
  const limit = resource.get('recurselimit');
  const depth = limit === undefined ? Infinity : Number(limit);
  const ignore = [resource.get('ignore') ?? []].flat().map((glob) => globPattern(String(glob)));
  const ignored = (relative: string) => relative.split('/').some((name) => ignore.some((pattern) => pattern.test(name)));
  const purge = resource.get('purge') === true;
  const force = resource.get('force') === true;

  const source = await hooks.sourceDirectory(resource);
  const remote = source ? await sourceTree(source.local, depth) : undefined;
  const local = recurse === 'remote' && remote ? new Map<string, EntryType>() : await nodeTree(context, root, depth);

  const inherited: Record<string, CatalogValue> = {};
  for (const name of INHERITED) {
    const value = resource.catalogEntry.parameters?.[name];
    if (value !== undefined) inherited[name] = value;
  }
  for (const name of INHERITED_META) if (resource.meta[name] !== undefined) inherited[name] = resource.meta[name]!;

  const children = new Map<string, Record<string, CatalogValue>>();
  for (const [relative, type] of remote ?? []) {
    if (ignored(relative)) continue;
    children.set(relative, { ...inherited, ensure: type, ...(type === 'file' ? { source: `${source!.source.replace(/\/+$/, '')}/${relative}` } : {}) });
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Directories removed whole (purge with force): nothing below them is left to manage.
  const removed = new Set<string>();
  const underRemoved = (relative: string) => {
    for (let directory = path.dirname(relative); directory !== '.'; directory = path.dirname(directory)) if (removed.has(directory)) return true;
    return false;
  };
  for (const [relative, type] of [...local].sort(([a], [b]) => byPath(a, b))) {
    if (ignored(relative) || children.has(relative) || underRemoved(relative)) continue;
    if (!purge) {
      children.set(relative, { ...inherited });
      continue;
    }
    if (type === 'directory' && !force) {
      resource.logSink?.log('notice', "Not removing directory; use 'force' to override", resource.pathBeside(`File[${root}/${relative}]`));
      continue;
    }
    if (type === 'directory') removed.add(relative);
    children.set(relative, { ensure: 'absent', force, ...(inherited.backup !== undefined ? { backup: inherited.backup } : {}) });
  }
  return [...children]
    .sort(([a], [b]) => byPath(a, b))
    .map(([relative, parameters]) => ({
      type: 'File',
      title: `${root}/${relative}`,
      tags: [...resource.tags],
      file: resource.catalogEntry.file,
      line: resource.catalogEntry.line,
      exported: false,
      kind: 'compilable_type',
      parameters,
    }));
}
