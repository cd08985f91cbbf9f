// compileCatalog: a manifest (file or code) plus facts, modules and Hiera in, Puppet 7's catalog
// out. Nothing is written anywhere. The `preCondition` and `subject` options let a caller (the spec
// library) compile one class or define instance the way rspec-puppet does.

import { hostname } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PapplyError } from '../errors.js';
import type { Catalog } from './catalog.js';
import { Evaluator } from './evaluator/evaluator.js';
import type { DataLookup } from './functions/registry.js';
import './functions/index.js';
import { loadHiera } from './hiera/index.js';
import { Loader } from './loader.js';
import { parseManifest } from './parser.js';
import '../providers/all.js';
import { findType } from '../providers/framework/registry.js';
import { fromPlain, type Value } from './values.js';

export interface CompileSubject {
  /** `class`: declared resource-like with `params`; `define`: one instance titled `title`. */
  kind: 'class' | 'define';
  name: string;
  title?: string;
  params?: Record<string, unknown>;
}

export interface CompileOptions {
  /** Path of the main manifest (a file, or a directory whose *.pp files are read in order). */
  manifest?: string;
  /** Manifest text, used instead of (or, with `manifest`, after) the file. */
  code?: string;
  /** Module directories, searched in order; default `./modules`. */
  modulepath?: string[];
  /** The certname; default: the `fqdn` fact, else the host's name. */
  nodeName?: string;
  facts?: Record<string, unknown>;
  /** hiera.yaml (version 5) for automatic parameter lookup and lookup(). */
  hieraConfig?: string;
  /** A ready Hiera (instead of `hieraConfig`). */
  dataLookup?: DataLookup;
  /** Unknown variables are errors instead of warnings. */
  strictVariables?: boolean;
  /** Code evaluated at top scope before the main manifest (rspec-puppet's pre_condition). */
  preCondition?: string;
  /** A class or define instance declared after the main manifest (the spec library's subject). */
  subject?: CompileSubject;
  /** Receives each warning (the CLI prints them); they are also returned by compileWithWarnings. */
  onWarning?: (message: string) => void;
  /** Catalog version; default: seconds since the epoch, as Puppet does. */
  version?: number;
}

/** Facts for a compile without --facts: enough of a Debian machine for common manifests. */
export function minimalFacts(): Record<string, unknown> {
  const fqdn = hostname();
  const [short, ...domainParts] = fqdn.split('.');
  const domain = domainParts.join('.');
  const os = { family: 'Debian', name: 'Debian', release: { major: '12', full: '12' } };
  return {
    hostname: short,
    fqdn,
    domain,
    kernel: 'Linux',
    osfamily: 'Debian',
    operatingsystem: 'Debian',
    operatingsystemmajrelease: '12',
    os,
    networking: { hostname: short, fqdn, domain },
  };
}

function topVariables(nodeName: string, facts: Record<string, unknown>): Map<string, Value> {
  const variables = new Map<string, Value>();
  for (const [name, value] of Object.entries(facts)) variables.set(name, fromPlain(value));
  const [host, ...domainParts] = nodeName.split('.');
  variables.set('facts', fromPlain(facts));
  variables.set('trusted', fromPlain({ authenticated: 'local', certname: nodeName, domain: domainParts.join('.') || undefined, extensions: {}, hostname: host, external: {} }));
  // What `puppet apply` has (no server): just the environment.
  variables.set('server_facts', fromPlain({ environment: 'production' }));
  variables.set('title', 'main');
  variables.set('name', 'main');
  variables.set('environment', 'production');
  variables.set('clientcert', nodeName);
  variables.set('clientnoop', true);
  variables.set('module_name', '');
  variables.set('caller_module_name', '');
  return variables;
}

function manifestFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.pp'))
    .sort()
    .map((f) => join(path, f));
}

/** The subject as code; its parameters come in through a top-scope variable, not as text. */
function subjectCode(subject: CompileSubject): string {
  const title = subject.kind === 'class' ? subject.name : (subject.title ?? subject.name);
  const type = subject.kind === 'class' ? 'class' : subject.name;
  return `${type} { '${title.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}': * => $__papply_subject_params }`;
}

export interface CompileResult {
  catalog: Catalog;
  warnings: string[];
}

/** Runs the compile; the evaluator's builder then holds the catalog for `nodeName`. */
function evaluate(options: CompileOptions): { evaluator: Evaluator; nodeName: string; version: number } {
  const facts = options.facts ?? minimalFacts();
  const nodeName = (options.nodeName ?? String(facts.fqdn ?? facts.hostname ?? hostname())).toLowerCase();
  const modulepath = options.modulepath ?? ['modules'];
  // Types papply's engine implements (concat, haproxy_conf_dir ...) are known resource types.
  // Files are parsed once the evaluator exists; what Puppet's validator warns about goes with its warnings.
  const parseWithWarnings = (text: string, file: string) => {
    const program = parseManifest(text, file);
    for (const warning of program.warnings ?? []) evaluator.warn(warning.message, warning.loc);
    return program;
  };
  const loader = new Loader(modulepath, parseWithWarnings, (name) => findType(name) !== undefined);
  const variables = topVariables(nodeName, facts);
  if (options.subject) variables.set('__papply_subject_params', fromPlain(options.subject.params ?? {}));
  const evaluator = new Evaluator(loader, {
    nodeName,
    topVariables: variables,
    strictVariables: options.strictVariables,
    // The global hiera.yaml (if any) and the modules' own data layers.
    dataLookup: options.dataLookup ?? loadHiera(options.hieraConfig, { modulepath }),
    onWarning: options.onWarning,
  });
  const programs = [];
  if (options.preCondition !== undefined) programs.push(loader.loadText(options.preCondition, 'pre_condition', true));
  if (options.manifest) for (const file of manifestFiles(resolve(options.manifest))) programs.push(loader.loadFile(file, true)!);
  if (options.code !== undefined) programs.push(loader.loadText(options.code, options.manifest ? 'code' : 'site.pp', true));
  if (options.subject) programs.push(loader.loadText(subjectCode(options.subject), 'subject', true));
  if (programs.length === 0) throw new PapplyError('Nothing to compile: give a manifest or code');
  const body = programs.flatMap((program) => program.body);
  evaluator.compile({ ...programs[0]!, body }, loader.nodes);
  return { evaluator, nodeName, version: options.version ?? Math.floor(Date.now() / 1000) };
}

export function compileWithWarnings(options: CompileOptions): CompileResult {
  const { evaluator, nodeName, version } = evaluate(options);
  return { catalog: evaluator.builder.toCatalog(nodeName, version), warnings: evaluator.warnings };
}

/**
 * Compiles and hands the catalog's JSON text (exactly `JSON.stringify(catalog, null, 2)` plus a
 * newline) to `write` in pieces, only once the compile has succeeded; returns the warnings. For
 * large sites this needs far less memory than compileWithWarnings + JSON.stringify.
 */
export function compileToJson(options: CompileOptions, write: (text: string) => void): string[] {
  const { evaluator, nodeName, version } = evaluate(options);
  evaluator.builder.writeCatalogJson(nodeName, version, write);
  return evaluator.warnings;
}

export function compileCatalog(options: CompileOptions): Catalog {
  return compileWithWarnings(options).catalog;
}
