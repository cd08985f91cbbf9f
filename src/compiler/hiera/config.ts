// hiera.yaml version 5: defaults (datadir, data_hash) and hierarchy levels with path, paths, glob
// or globs. Backends other than yaml_data and json_data are reported, not ignored.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { PapplyError } from '../../errors.js';

export type DataHash = 'yaml_data' | 'json_data';

export interface HierarchyLevel {
  name: string;
  /** Absolute data directory. */
  datadir: string;
  dataHash: DataHash;
  /** Uninterpolated file paths, relative to datadir. */
  paths: string[];
  /** Uninterpolated glob patterns, relative to datadir. */
  globs: string[];
}

export interface HieraConfig {
  file: string;
  hierarchy: HierarchyLevel[];
}

type Plain = Record<string, unknown>;

export function loadHieraConfig(file: string): HieraConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PapplyError(`Unable to read Hiera configuration ${file}: ${(error as Error).message}`);
  }
  const fail = (message: string): never => {
    throw new PapplyError(`${file}: ${message}`);
  };
  if (!raw || typeof raw !== 'object') fail('not a hash');
  const config = raw as Plain;
  const base = dirname(file);
  // Hiera 3 (no version, `:backends:` / `:hierarchy:`): still what many sites of this field have.
  if (config.version === undefined || config.version === 3) return hiera3Config(file, config, fail);
  if (config.version !== 5) fail(`hiera.yaml version ${String(config.version)} is not supported (version 5, or 3 as a global configuration)`);
  const defaults = (config.defaults ?? {}) as Plain;
  const defaultDatadir = typeof defaults.datadir === 'string' ? defaults.datadir : 'data';
  // Without a defaults section Puppet reads YAML; a defaults section without a backend means
  // every level must name its own.
  const defaultBackend = 'defaults' in config ? backendOf(defaults, 'defaults', fail) : 'yaml_data';
  const levels = (config.hierarchy ?? [{ name: 'Common', path: 'common.yaml' }]) as Plain[];
  if (!Array.isArray(levels)) fail("'hierarchy' must be an array");

  const hierarchy = levels.map((level, i): HierarchyLevel => {
    const name = typeof level.name === 'string' ? level.name : fail(`hierarchy entry ${i + 1} has no name`);
    const datadir = typeof level.datadir === 'string' ? level.datadir : defaultDatadir;
    const locations = ['path', 'paths', 'glob', 'globs', 'uri', 'uris', 'mapped_paths'].filter((k) => k in level);
    if (locations.length > 1) fail(`hierarchy level '${name}': only one of ${locations.join(', ')} may be given`);
    if (['uri', 'uris', 'mapped_paths'].includes(locations[0])) fail(`hierarchy level '${name}': '${locations[0]}' is not supported by papply`);
    const list = (key: string, many: string): string[] => {
      if (typeof level[key] === 'string') return [level[key] as string];
      if (Array.isArray(level[many])) return (level[many] as unknown[]).map(String);
      return [];
    };
    const paths = list('path', 'paths');
    const globs = list('glob', 'globs');
    // A level without a location reads <name> as a path, as Puppet does.
    if (!locations.length) paths.push(name);
    return {
      name,
      datadir: isAbsolute(datadir) ? datadir : join(base, datadir),
      dataHash:
        backendOf(level, `hierarchy level '${name}'`, fail) ??
        defaultBackend ??
        fail(`One of data_hash, lookup_key, data_dig, or hiera3_backend must be defined in hierarchy '${name}'`),
      paths,
      globs,
    };
  });
  return { file, hierarchy };
}

function backendOf(section: Plain, where: string, fail: (m: string) => never): DataHash | undefined {
  for (const key of ['lookup_key', 'data_dig']) {
    if (key in section) fail(`${where}: '${key}: ${String(section[key])}' is not supported by papply (only data_hash yaml_data/json_data)`);
  }
  const backend = section.data_hash;
  if (backend === undefined) return undefined;
  if (backend === 'yaml_data' || backend === 'json_data') return backend;
  return fail(`${where}: data_hash '${String(backend)}' is not supported by papply (yaml_data or json_data)`);
}

/**
 * A Hiera 3 configuration as levels: for each backend (yaml, json) in order, each hierarchy entry
 * is `<datadir>/<entry>.<yaml|json>`. A relative datadir is relative to the current directory, as
 * in Puppet.
 */
function hiera3Config(file: string, config: Plain, fail: (m: string) => never): HieraConfig {
  const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  const backends = list(config[':backends'] ?? 'yaml');
  const hierarchy = list(config[':hierarchy'] ?? 'common');
  const levels: HierarchyLevel[] = [];
  for (const backend of backends) {
    if (backend !== 'yaml' && backend !== 'json') fail(`Hiera 3 backend '${backend}' is not supported by papply (yaml or json)`);
    const settings = (config[`:${backend}`] ?? {}) as Plain;
    const datadir = typeof settings[':datadir'] === 'string' ? (settings[':datadir'] as string) : 'hieradata';
    for (const entry of hierarchy) {
      levels.push({
        name: `${backend}: ${entry}`,
        datadir: resolve(datadir),
        dataHash: backend === 'json' ? 'json_data' : 'yaml_data',
        paths: [`${entry}.${backend}`],
        globs: [],
      });
    }
  }
  return { file, hierarchy: levels };
}
