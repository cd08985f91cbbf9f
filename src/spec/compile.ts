// compile(): one catalog per example, built the way rspec-puppet builds it: the pre-condition,
// the manifest, the subject (`include x`, `class { 'x': ... }` or `x { 'title': ... }` from
// `params`), the post-condition; facts derived from the node name under the given ones.

import { resolve } from 'node:path';
import { PapplyError } from '../errors.js';
import { compileWithWarnings } from '../compiler/compile.js';
import { CompiledCatalog } from './catalog.js';
import { attributeList, puppetString } from './literal.js';

export interface SpecCompileOptions {
  /** Puppet code compiled as the main manifest (site.pp). */
  manifest?: string;
  /** A manifest file (or a directory of *.pp files) compiled before `manifest`, as rspec-puppet's host specs compile site.pp. */
  manifestFile?: string;
  /** The class under test: `include x`, or `class { 'x': ... }` when `params` are given. */
  klass?: string;
  /** The defined type under test: `x { '<title>': ... }`. */
  define?: string;
  /** Title of the define instance (default: the define's name). */
  title?: string;
  /**
   * Parameters of the class or define instance, as rspec-puppet's `let(:params)`: strings,
   * numbers, booleans, null (undef), arrays, objects; `raw()`, `ref()` and `sensitive()` for
   * the rest. A key whose value is `undefined` is not passed.
   */
  params?: Record<string, unknown>;
  /** Facts, over the ones derived from the node name (hostname, fqdn, domain, networking). */
  facts?: Record<string, unknown>;
  /** Code evaluated before everything else (declare what the subject needs). */
  preCondition?: string | readonly string[];
  /** Code evaluated after the subject. */
  postCondition?: string | readonly string[];
  /** The certname; default `testhost.example.com`, as rspec-puppet. */
  nodeName?: string;
  /** Module directories (relative to the working directory); default `modules`. */
  modulepath?: string | readonly string[];
  /** hiera.yaml (version 5) for automatic parameter lookup and lookup(). */
  hieraConfig?: string;
  /** Unknown variables are errors, not warnings. */
  strictVariables?: boolean;
}

/** A manifest that did not compile. Where it failed is in `file`, `line` and `column` (also in the message). */
export class CompileError extends PapplyError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(cause: Error) {
    const location = cause instanceof PapplyError ? cause.location : undefined;
    const where = location ? ` (file: ${location.file}, line: ${location.line}, column: ${location.column})` : '';
    super(`${cause.message}${where}`, location, { cause });
    this.name = 'CompileError';
    this.file = location?.file;
    this.line = location?.line;
    this.column = location?.column;
  }
}

const DEFAULT_NODE_NAME = 'testhost.example.com';

function codeOf(parts: string | readonly string[] | undefined): string[] {
  if (parts === undefined) return [];
  return typeof parts === 'string' ? [parts] : [...parts];
}

/** The subject's declaration, as rspec-puppet writes it. */
export function subjectCode(options: Pick<SpecCompileOptions, 'klass' | 'define' | 'title' | 'params'>): string | undefined {
  const params = options.params ?? {};
  const hasParams = Object.values(params).some((value) => value !== undefined);
  if (options.klass !== undefined && options.define !== undefined) throw new TypeError('papply/spec: give klass or define, not both');
  if (options.klass !== undefined) {
    return hasParams ? `class { ${puppetString(options.klass)}:\n${attributeList(params)}}` : `include ${options.klass}`;
  }
  if (options.define !== undefined) {
    return `${options.define} { ${puppetString(options.title ?? options.define)}:\n${attributeList(params)}}`;
  }
  if (options.params !== undefined || options.title !== undefined) throw new TypeError('papply/spec: params and title need klass or define');
  return undefined;
}

function derivedFacts(nodeName: string): Record<string, unknown> {
  const [hostname, ...rest] = nodeName.split('.');
  const domain = rest.join('.');
  return { hostname, fqdn: nodeName, domain, networking: { hostname, fqdn: nodeName, domain } };
}

/** Compiles a catalog for one example. Rejects with a CompileError when the code does not compile. */
export async function compile(options: SpecCompileOptions): Promise<CompiledCatalog> {
  const nodeName = options.nodeName ?? DEFAULT_NODE_NAME;
  const subject = subjectCode(options);
  const main = [...codeOf(options.manifest), ...(subject === undefined ? [] : [subject]), ...codeOf(options.postCondition)];
  const pre = codeOf(options.preCondition);
  if (main.length === 0 && pre.length === 0 && options.manifestFile === undefined) throw new TypeError('papply/spec: give manifest, manifestFile, klass or define');
  const modulepath = options.modulepath === undefined ? ['modules'] : typeof options.modulepath === 'string' ? [options.modulepath] : [...options.modulepath];
  try {
    const { catalog, warnings } = compileWithWarnings({
      manifest: options.manifestFile === undefined ? undefined : resolve(options.manifestFile),
      code: main.join('\n'),
      preCondition: pre.length > 0 ? pre.join('\n') : undefined,
      nodeName,
      facts: { ...derivedFacts(nodeName), ...options.facts },
      modulepath: modulepath.map((path) => resolve(path)),
      hieraConfig: options.hieraConfig === undefined ? undefined : resolve(options.hieraConfig),
      strictVariables: options.strictVariables,
      onWarning: () => {},
    });
    return new CompiledCatalog(catalog, warnings);
  } catch (error) {
    throw error instanceof Error ? new CompileError(error) : error;
  }
}

/**
 * rspec-puppet's `let` for shared options: returns a compile function whose options are `base`
 * with the overrides on top (`facts` and `params` are merged key by key, the rest replaced).
 */
export function withDefaults(base: SpecCompileOptions): (overrides?: SpecCompileOptions) => Promise<CompiledCatalog> {
  return (overrides = {}) =>
    compile({
      ...base,
      ...overrides,
      facts: base.facts || overrides.facts ? { ...base.facts, ...overrides.facts } : undefined,
      params: base.params || overrides.params ? { ...base.params, ...overrides.params } : undefined,
    });
}
