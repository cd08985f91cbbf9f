// Hiera 5 for papply: loadHiera(hiera.yaml, { modulepath }) gives the DataLookup the compiler uses
// for automatic class parameter lookup and the lookup()/hiera*() functions. As in Puppet, the
// global layer (the given hiera.yaml) is searched first, then the data of the module the key
// belongs to (`<module>/hiera.yaml`, for `<module>::...` keys). Values found are interpolated,
// then merged by the explicit merge, else by `lookup_options`, else 'first'.

import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PapplyError } from '../../errors.js';
import type { DataLookup } from '../functions/registry.js';
import { isHash, type PHash, type Value } from '../values.js';
import { loadHieraConfig, type HieraConfig, type HierarchyLevel } from './config.js';
import { DataFiles, expandGlob } from './data-files.js';
import { interpolate, splitKey, type InterpolationContext } from './interpolate.js';
import { deepClone, deepMerge, mergeFound, parseMerge, type MergeStrategy } from './merge.js';


type Scope = { lookupVariable(name: string): Value };

/** The hiera.yaml a command line run uses: the one given, else `./hiera.yaml` when present (as Puppet's default). */
export function commandLineHieraConfig(given: string | undefined): string | undefined {
  return given ?? (existsSync('hiera.yaml') ? 'hiera.yaml' : undefined);
}

export interface LookupResult {
  found: boolean;
  value?: Value;
}

export interface HieraOptions {
  /** Module directories: `<dir>/<module>/hiera.yaml` is that module's data layer. */
  modulepath?: string[];
}

export class Hiera implements DataLookup {
  private readonly files = new DataFiles();
  private readonly global: HieraConfig | undefined;
  private readonly modules = new Map<string, HieraConfig | undefined>();
  /** Keys being looked up by interpolation, to report recursion instead of overflowing. */
  private readonly active: string[] = [];

  constructor(
    configPath: string | undefined,
    private readonly options: HieraOptions = {},
  ) {
    this.global = configPath ? loadHieraConfig(configPath) : undefined;
  }

  /** The hierarchy levels that may hold `key`: the global ones, then the key's module's. */
  private levelsFor(key: string, globalOnly: boolean): HierarchyLevel[] {
    const module = globalOnly ? undefined : moduleOf(key);
    const moduleConfig = module ? this.moduleConfig(module) : undefined;
    return [...(this.global?.hierarchy ?? []), ...(moduleConfig?.hierarchy ?? [])];
  }

  private moduleConfig(module: string): HieraConfig | undefined {
    if (!this.modules.has(module)) {
      const dir = (this.options.modulepath ?? []).map((d) => join(d, module)).find((d) => existsSync(d));
      const file = dir && join(dir, 'hiera.yaml');
      this.modules.set(module, file && existsSync(file) ? loadHieraConfig(file) : undefined);
    }
    return this.modules.get(module);
  }

  lookup(key: string, scope: Scope, options?: { merge?: Value; globalOnly?: boolean }): LookupResult {
    if (key === 'lookup_options') throw new PapplyError("The key 'lookup_options' is reserved for Hiera's lookup options and cannot be looked up");
    if (this.active.includes(key)) throw new PapplyError(`Recursive lookup detected in [${[...this.active, key].join(', ')}]`);
    this.active.push(key);
    try {
      return this.search(key, scope, options?.merge, options?.globalOnly ?? false);
    } finally {
      this.active.pop();
    }
  }

  private search(key: string, scope: Scope, explicitMerge: Value, globalOnly: boolean): LookupResult {
    const [root, ...dig] = splitKey(key, `lookup of '${key}'`);
    const strategy = explicitMerge !== undefined ? parseMerge(explicitMerge, `lookup of '${key}'`) : this.mergeFromOptions(root, scope);
    const found: Value[] = [];
    search: for (const level of this.levelsFor(root, globalOnly)) {
      for (const file of this.levelFiles(level, scope)) {
        const data = this.files.read(file, level.dataHash);
        if (!data || !data.has(root)) continue;
        found.push(interpolate(data.get(root), this.interpolation(scope, file)));
        if (strategy.name === 'first') break search;
      }
    }
    if (!found.length) return { found: false };
    let value = mergeFound(strategy, found, root);
    for (const segment of dig) {
      if (isHash(value) && value.has(segment)) value = value.get(segment);
      else if (Array.isArray(value) && /^\d+$/.test(segment) && Number(segment) < value.length) value = value[Number(segment)];
      else return { found: false };
    }
    return { found: true, value };
  }

  private interpolation(scope: Scope, where: string): InterpolationContext {
    return {
      where,
      lookupVariable: (name) => scope.lookupVariable(name),
      // `%{lookup('k')}` of a missing key is the empty string, as in Puppet.
      lookupKey: (k) => {
        const result = this.lookup(k, scope);
        return result.found ? result.value : '';
      },
    };
  }

  /** The data files of a level, paths interpolated with the scope; missing files are skipped later. */
  private levelFiles(level: HierarchyLevel, scope: Scope): string[] {
    const context: InterpolationContext = { where: `hierarchy level '${level.name}' (${level.datadir})`, lookupVariable: (n) => scope.lookupVariable(n) };
    const files = level.paths.map((p) => {
      const path = String(interpolate(p, context));
      return isAbsolute(path) ? path : join(level.datadir, path);
    });
    for (const g of level.globs) files.push(...expandGlob(level.datadir, String(interpolate(g, context))));
    return files;
  }

  /**
   * The merge `lookup_options` give `key` (by name, else by regexp): the global layer's options
   * (deep-merged across its levels) win over the module's, which only apply to its own keys.
   */
  private mergeFromOptions(key: string, scope: Scope): MergeStrategy {
    const module = moduleOf(key);
    const moduleLevels = module ? (this.moduleConfig(module)?.hierarchy ?? []) : [];
    const options =
      this.optionsIn(this.global?.hierarchy ?? [], key, scope) ??
      this.optionsIn(moduleLevels, key, scope, (pattern) => pattern.startsWith(`${module}::`) || pattern.startsWith(`^${module}::`));
    if (!isHash(options) || options.get('merge') === undefined) return { name: 'first' };
    return parseMerge(options.get('merge'), `lookup_options for '${key}'`);
  }

  private optionsIn(levels: HierarchyLevel[], key: string, scope: Scope, applies: (pattern: string) => boolean = () => true): Value {
    let options: Value = undefined;
    const all: PHash[] = [];
    for (const level of levels) {
      for (const file of this.levelFiles(level, scope)) {
        const data = this.files.read(file, level.dataHash);
        const own = data?.get('lookup_options');
        if (own === undefined) continue;
        if (!isHash(own)) throw new PapplyError(`${file}: lookup_options must be a hash`);
        all.push(own);
      }
    }
    if (!all.length) return undefined;
    const merged = all.slice(1).reduce<Value>((memo, lower) => deepMerge(memo, deepClone(lower), { name: 'deep' }), deepClone(all[0])) as PHash;
    if (applies(key)) options = merged.get(key);
    if (options === undefined) {
      for (const [pattern, value] of merged) {
        if (typeof pattern === 'string' && pattern.startsWith('^') && applies(pattern) && new RegExp(pattern).test(key)) {
          options = value;
          break;
        }
      }
    }
    return options;
  }
}


/** `ntp::servers` -> `ntp`; undefined for keys outside any module. */
function moduleOf(key: string): string | undefined {
  const at = key.indexOf('::');
  return at > 0 ? key.slice(0, at) : undefined;
}

/**
 * Hiera for a compile: the global hiera.yaml (version 5; errors name the file), if any, and with
 * `modulepath`, each module's own data layer.
 */
export function loadHiera(configPath: string | undefined, options: HieraOptions = {}): DataLookup {
  return new Hiera(configPath, options);
}
