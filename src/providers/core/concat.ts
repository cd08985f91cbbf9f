// concat and concat::fragment (the pair many modules use): a file assembled from the fragments
// that target it, sorted by `order` then title, optionally checked with validate_cmd before it
// replaces anything. Written like a file resource (atomic, mode/owner/group, backup, show_diff).

import { promises as fs } from 'node:fs';
import type { Catalog, CatalogResource } from '../../compiler/catalog.js';
import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute } from '../framework/type.js';
import { PosixFileProvider, fileType, resolveSource } from './file.js';

/** The concat::fragment resources of the catalog whose target is one of `targets` (titles or paths). */
export function fragmentsTargeting(targets: ReadonlySet<string>, catalog: Catalog): CatalogResource[] {
  return catalog.resources.filter((entry) => entry.type.toLowerCase() === 'concat::fragment' && targets.has(String(entry.parameters?.target)));
}

function fragmentsOf(resource: Resource, catalog: Catalog): CatalogResource[] {
  return fragmentsTargeting(new Set([resource.title, resource.name]), catalog);
}

/** puppetlabs-concat's sort: by order then title; `numeric` compares numeric parts as numbers. */
function sortFragments(fragments: CatalogResource[], mode: string): CatalogResource[] {
  const key = (entry: CatalogResource) => [String(entry.parameters?.order ?? '10'), entry.title] as const;
  const compare = (a: string, b: string) => {
    if (mode === 'numeric' && /^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return [...fragments].sort((a, b) => {
    const [orderA, titleA] = key(a);
    const [orderB, titleB] = key(b);
    return compare(orderA, orderB) || compare(titleA, titleB);
  });
}

/**
 * The text of the fragments targeting `targets`, sorted as concat sorts them (`order`: alpha or
 * numeric); `ensureNewline` ends every fragment with a newline. Shared with other fragment-built
 * files (haproxy_fragment).
 */
export async function concatenateFragments(
  targets: ReadonlySet<string>,
  catalog: Catalog,
  modulepath: readonly string[],
  options: { order?: string; ensureNewline?: boolean } = {},
): Promise<{ content: Buffer; count: number }> {
  const fragments = sortFragments(fragmentsTargeting(targets, catalog), options.order ?? 'alpha');
  const parts: string[] = [];
  for (const fragment of fragments) {
    let text: string;
    if (fragment.parameters?.content !== undefined) {
      text = String(fragment.parameters.content);
    } else {
      const sources = [fragment.parameters?.source ?? []].flat().map(String);
      let found: string | undefined;
      for (const source of sources) if ((found = await resolveSource(source, modulepath))) break;
      if (!found) throw new Error(`Concat::Fragment[${fragment.title}]: could not find any of the sources ${sources.join(', ')}`);
      text = await fs.readFile(found, 'utf8');
    }
    if (options.ensureNewline && !text.endsWith('\n')) text += '\n';
    parts.push(text);
  }
  return { content: Buffer.from(parts.join('')), count: fragments.length };
}

class ConcatProvider extends PosixFileProvider {
  static override readonly providerName = 'posix';

  protected override async loadWantedContent(): Promise<Buffer> {
    const { content, count } = await concatenateFragments(new Set([this.resource.title, this.resource.name]), this.context.catalog, this.context.modulepath, {
      order: String(this.resource.get('order')),
      ensureNewline: Boolean(this.resource.get('ensure_newline')),
    });
    if (count === 0 && this.resource.get('warn_if_empty') !== false) this.resource.debug('no fragments target this file');
    return content;
  }
}

class FragmentProvider extends Provider {
  static override readonly providerName = 'concat_fragment';
}

const file = fileType.definition.attributes;

export const concatType = registerType(
  {
    name: 'concat',
    doc: 'A file assembled from concat::fragment resources.',
    ensurable: {
      values: ['present', 'absent'],
      defaultTo: 'present',
      changeMessage: (is, should, resource) => {
        const sum = (resource.provider as PosixFileProvider).wantedChecksum;
        if (is === 'absent' && sum !== undefined) return `defined content as '${sum}'`;
        return should === 'absent' ? 'removed' : `ensure changed '${String(is)}' to '${String(should)}'`;
      },
    },
    attributes: {
      path: file.path!,
      content: { ...file.content!, doc: 'Computed from the fragments; not settable.' },
      mode: file.mode!,
      owner: file.owner!,
      group: file.group!,
      backup: file.backup!,
      replace: file.replace!,
      show_diff: file.show_diff!,
      validate_cmd: file.validate_cmd!,
      validate_replacement: file.validate_replacement!,
      force: booleanAttribute('parameter', false),
      order: { kind: 'parameter', values: ['alpha', 'numeric'], defaultTo: 'alpha' },
      ensure_newline: booleanAttribute('parameter', false),
      warn: { kind: 'parameter' },
      selinux_ignore_defaults: booleanAttribute('parameter', false),
    },
    autorequire: {
      'concat::fragment': (resource, catalog) => fragmentsOf(resource, catalog).map((entry) => entry.title),
      file: (resource) => [resource.name.replace(/\/[^/]+$/, '') || '/'],
    },
    validate: (resource) => {
      if (resource.catalogEntry.parameters?.content !== undefined) throw new Error('content is computed from the fragments; use concat::fragment');
      // The content property is always managed: it is computed by the provider.
      if (resource.get('ensure') !== 'absent') resource.set('content', '');
    },
  },
  [ConcatProvider],
);

export const concatFragmentType = registerType(
  {
    name: 'concat::fragment',
    doc: 'A piece of a concat file (content or source), placed by order then title.',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      target: {
        kind: 'parameter',
        validate: (value) => {
          if (typeof value !== 'string' || value === '') throw new Error('target must be the title or path of a concat resource');
        },
      },
      content: { kind: 'parameter' },
      source: { kind: 'parameter' },
      order: {
        kind: 'parameter',
        defaultTo: '10',
        validate: (value) => {
          if (/[:\n/]/.test(String(value))) throw new Error("Order cannot contain '/', ':', or '\\n'.");
        },
        munge: String,
      },
    },
    validate: (resource) => {
      if (resource.get('target') === undefined) throw new Error('target is required');
      if ((resource.get('content') === undefined) === (resource.get('source') === undefined)) {
        throw new Error("Can't use 'source' and 'content' at the same time; one of them is required");
      }
    },
  },
  [FragmentProvider],
);
