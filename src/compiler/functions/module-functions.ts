// Functions a module ships in JavaScript, since its Ruby functions cannot run under papply:
//
//   modules/<module>/lib/papply/functions/<name>.js   (also .mjs / .cjs)
//
// The file's default export (or module.exports) is a PuppetFunction: `(ctx, args, block) => value`,
// called like the built-ins with evaluated arguments (see ./registry.ts for CallContext and Value).
// `<module>::<name>` is looked up in that module; a plain `<name>` in every module on the modulepath.
// ESM and CommonJS both load synchronously (Node >= 20.19), as Puppet functions are synchronous.

import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PapplyError } from '../../errors.js';
import type { PuppetFunction } from './registry.js';

const requireModule = createRequire(import.meta.url);
const EXTENSIONS = ['.js', '.mjs', '.cjs'];
const loaded = new Map<string, PuppetFunction>();
// Every unknown function name is asked for: remember the answer per modulepath.
const found = new Map<string, PuppetFunction | undefined>();

/** The module function `name` (`fn` or `mod::fn`) on `modulepath`, if a module ships one. */
export function findModuleFunction(modulepath: readonly string[], name: string): PuppetFunction | undefined {
  const key = `${modulepath.join('\0')}\0${name}`;
  if (!found.has(key)) found.set(key, search(modulepath, name));
  return found.get(key);
}

function search(modulepath: readonly string[], name: string): PuppetFunction | undefined {
  const parts = name.split('::');
  if (parts.length > 2) return undefined;
  const [module, fn] = parts.length === 2 ? parts : [undefined, parts[0]];
  for (const dir of modulepath) {
    const modules = module ? [module] : safeList(dir);
    for (const m of modules) {
      for (const ext of EXTENSIONS) {
        const file = join(dir, m, 'lib', 'papply', 'functions', `${fn}${ext}`);
        if (existsSync(file)) return load(file, name);
      }
    }
  }
  return undefined;
}

function load(file: string, name: string): PuppetFunction {
  const cached = loaded.get(file);
  if (cached) return cached;
  let exported: unknown;
  try {
    exported = requireModule(file);
  } catch (error) {
    throw new PapplyError(`Could not load function '${name}' from ${file}: ${(error as Error).message}`);
  }
  const fn = typeof exported === 'function' ? exported : (exported as { default?: unknown })?.default;
  if (typeof fn !== 'function') throw new PapplyError(`${file} must export a function (default export) for '${name}'`);
  loaded.set(file, fn as PuppetFunction);
  return fn as PuppetFunction;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
