// Reading Hiera data files (yaml_data, json_data) and expanding glob levels. A missing file is
// skipped, as Puppet does; a file that is not a hash of data is an error naming the file.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseDocument, visit, isScalar } from 'yaml';
import { PapplyError } from '../../errors.js';
import { PFloat, isHash, type PHash } from '../values.js';
import type { DataHash } from './config.js';
import { dataToValue } from './values.js';

export class DataFiles {
  private readonly cache = new Map<string, PHash | undefined>();

  /** The data of `file`, or undefined when it does not exist. */
  read(file: string, backend: DataHash): PHash | undefined {
    if (this.cache.has(file)) return this.cache.get(file);
    const data = existsSync(file) ? parseDataFile(file, backend) : undefined;
    this.cache.set(file, data);
    return data;
  }
}

function parseDataFile(file: string, backend: DataHash): PHash {
  let parsed: unknown;
  const text = readFileSync(file, 'utf8');
  try {
    // Puppet reads YAML with Psych (YAML 1.1: `yes`/`no` are booleans, `0755` is octal).
    parsed = parseData(text, backend === 'json_data');
  } catch (error) {
    throw new PapplyError(`Unable to parse ${file}: ${(error as Error).message}`);
  }
  const value = dataToValue(parsed);
  if (value === undefined) return new Map();
  if (!isHash(value)) throw new PapplyError(`${file}: file does not contain a valid ${backend === 'json_data' ? 'json' : 'yaml'} hash`);
  return value;
}

/**
 * YAML (1.1, as Psych) or JSON text as plain data, maps as Map; a float written with a fraction or
 * exponent stays a Float (PFloat) even when integral (`1.0`), as Ruby keeps it.
 */
export function parseData(text: string, json: boolean): unknown {
  const doc = parseDocument(text, json ? { schema: 'json' } : { version: '1.1' });
  if (doc.errors.length) throw doc.errors[0];
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && /[.eE]/.test(node.source ?? '') && !/^[-+]?0x/i.test(node.source ?? '')) {
        node.value = new PFloat(node.value);
      }
    },
  });
  return doc.toJS({ mapAsMap: true });
}

/** Files under `dir` matching a glob (`*`, `**`, `?`, `{a,b}`, `[ab]`), sorted like Ruby's Dir.glob. */
export function expandGlob(dir: string, pattern: string): string[] {
  const regexp = new RegExp(`^${globToRegexp(pattern)}$`);
  const found: string[] = [];
  const walk = (current: string): void => {
    if (!existsSync(current)) return;
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (regexp.test(relative(dir, path).split(sep).join('/'))) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

function globToRegexp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      out += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      out += `(?:${pattern.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      out += pattern.slice(i, end + 1);
      i = end;
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return out;
}
