// haproxy_conf_dir: the conf.d directory HAProxy loads, created when missing; with `purge => true`
// the `*.cfg` files no section of the catalog manages (haproxy_fragment, file or concat at that
// path) are removed, so a section dropped from the manifest disappears from the configuration.
// The files to remove are a property (`unmanaged`, wanted empty), so --noop shows which would go.
// Fragments autorequire their directory: the purge happens before any section is written, and a
// section moving to another order (a new file name) is checked without its old file.

import { posix as path } from 'node:path';
import type { Catalog } from '../../compiler/catalog.js';
import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import { booleanAttribute, deepEqual, type AttributeValue } from '../framework/type.js';
import { configFilesIn, fragmentEntriesIn } from './fragment.js';

/** Basenames of the files the catalog manages in `dir`. */
function managedNames(catalog: Catalog, dir: string): Set<string> {
  const names = new Set(fragmentEntriesIn(catalog, dir).map((entry) => path.basename(String(entry.parameters?.path ?? entry.title))));
  for (const entry of catalog.resources) {
    const type = entry.type.toLowerCase();
    if (type !== 'file' && type !== 'concat') continue;
    const file = path.normalize(String(entry.parameters?.path ?? entry.title));
    if (path.dirname(file) === dir) names.add(path.basename(file));
  }
  return names;
}

class HaproxyConfDirProvider extends Provider {
  static override readonly providerName = 'posix';
  static readonly confine = { commands: ['find'] };

  override async exists(): Promise<boolean> {
    return (await this.context.transport.stat(this.resource.name))?.type === 'directory';
  }

  override async get(property: string): Promise<AttributeValue> {
    if (property !== 'unmanaged') return super.get(property);
    const managed = managedNames(this.context.catalog, this.resource.name);
    return (await configFilesIn(this.context.transport, this.resource.name)).filter((name) => !managed.has(name));
  }

  override async create(): Promise<void> {
    await this.execute(['mkdir', '-p', '-m', String(this.resource.get('mode')), this.resource.name]);
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    if (property !== 'unmanaged') return;
    const wanted = new Set(value as string[]);
    for (const name of (await this.get('unmanaged')) as string[]) {
      if (wanted.has(name)) continue;
      await this.context.transport.remove(path.join(this.resource.name, name));
      this.resource.info(`removed unmanaged ${path.join(this.resource.name, name)}`);
    }
  }
}

export const haproxyConfDirType = registerType(
  {
    name: 'haproxy_conf_dir',
    doc: 'The directory of HAProxy section files; purges the *.cfg files the catalog does not manage.',
    ensurable: { values: ['present'], defaultTo: 'present' },
    attributes: {
      path: {
        kind: 'parameter',
        namevar: true,
        validate: (value) => {
          if (!String(value).startsWith('/')) throw new Error(`haproxy_conf_dir paths must be absolute, not '${String(value)}'`);
        },
        munge: (value) => path.normalize(String(value)).replace(/(.)\/+$/, '$1'),
      },
      mode: { kind: 'parameter', values: [/^[0-7]{3,4}$/], defaultTo: '0755' },
      purge: booleanAttribute('parameter', false),
      unmanaged: {
        kind: 'property',
        doc: 'The *.cfg files of the directory no resource of the catalog manages; only set (to none) by purge.',
        insync: (is, should) => deepEqual(is ?? [], should ?? []),
        changeMessage: (is) => `purged unmanaged ${(is as string[]).join(', ')}`,
      },
    },
    autorequire: {
      file: (resource) => [path.dirname(resource.name)],
    },
    validate: (resource) => {
      if (resource.catalogEntry.parameters?.unmanaged !== undefined) throw new Error('unmanaged is computed; use purge => true');
      if (resource.get('purge')) resource.set('unmanaged', []);
    },
  },
  [HaproxyConfDirProvider],
);
