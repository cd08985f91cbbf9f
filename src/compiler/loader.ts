// Finds definitions: classes, defines, Puppet-language functions and type aliases from the main
// manifest and, by Puppet's autoload layout, from modules on the modulepath:
//   foo            -> <dir>/foo/manifests/init.pp
//   foo::bar::baz  -> <dir>/foo/manifests/bar/baz.pp
//   function foo::f-> <dir>/foo/functions/f.pp      type Foo::T -> <dir>/foo/types/t.pp

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Expression, FunctionDefinition, HostClassDefinition, NodeDefinition, Program, ResourceTypeDefinition, TypeAlias } from './ast.js';
import type { Evaluator } from './evaluator/evaluator.js';
import { PapplyError, type SourceLocation } from '../errors.js';
import { BaseType, TypeAliasType } from './types/index.js';

export type ParseManifest = (text: string, file: string) => Program;

/** Resource types Puppet 7 ships (some now in core modules), the cs_* types and stdlib's anchor. */
export const BUILTIN_TYPES = new Set([
  'augeas', 'component', 'cron', 'exec', 'file', 'filebucket', 'group', 'host', 'k5login', 'mailalias', 'maillist', 'mount',
  'notify', 'package', 'resources', 'schedule', 'scheduled_task', 'selboolean', 'selmodule', 'service', 'ssh_authorized_key',
  'sshkey', 'stage', 'tidy', 'user', 'whit', 'yumrepo', 'zfs', 'zone', 'zpool', 'anchor',
  'cs_primitive', 'cs_clone', 'cs_group', 'cs_location', 'cs_colocation', 'cs_order', 'cs_property', 'cs_rsc_defaults',
  'cs_shadow', 'cs_commit',
  // papply implements puppetlabs-concat's two types itself.
  'concat', 'concat::fragment',
]);

export class Loader {
  private readonly classes = new Map<string, HostClassDefinition>();
  private readonly defines = new Map<string, ResourceTypeDefinition>();
  private readonly functions = new Map<string, FunctionDefinition>();
  private readonly typeAliases = new Map<string, TypeAlias>();
  private readonly resolvedAliases = new Map<string, TypeAliasType>();
  private readonly loadedFiles = new Set<string>();
  private readonly searched = new Map<string, string[]>();
  /** `kind:name` already autoloaded (found or not): built-in types are asked for all the time. */
  private readonly attempted = new Set<string>();
  private readonly moduleTypes = new Map<string, boolean>();
  /** The module each autoloaded definition came from (`$module_name`); main-manifest ones have none. */
  private readonly modules = new WeakMap<object, string>();
  private loadingModule?: string;
  readonly nodes: NodeDefinition[] = [];

  /**
   * @param nativeType whether papply's engine implements a resource type of that name (its own
   *   types such as concat::fragment count as known, like a module's lib/puppet/type would)
   */
  constructor(
    readonly modulepath: string[],
    private readonly parse: ParseManifest,
    private readonly nativeType: (name: string) => boolean = () => false,
  ) {}

  /** Parses a file (once) and registers its definitions. */
  loadFile(file: string, isMain = false): Program | undefined {
    if (this.loadedFiles.has(file)) return undefined;
    this.loadedFiles.add(file);
    return this.loadText(readFileSync(file, 'utf8'), file, isMain);
  }

  loadText(text: string, file: string, isMain = false): Program {
    const program = this.parse(text, file);
    for (const definition of program.definitions) {
      if (this.loadingModule) this.modules.set(definition, this.loadingModule);
      const key = 'name' in definition ? definition.name.replace(/^::/, '').toLowerCase() : '';
      switch (definition.kind) {
        case 'HostClass':
          if (!this.classes.has(key)) this.classes.set(key, definition);
          break;
        case 'Define':
          if (!this.defines.has(key)) this.defines.set(key, definition);
          break;
        case 'FunctionDefinition':
          if (!this.functions.has(key)) this.functions.set(key, definition);
          break;
        case 'TypeAlias':
          if (!this.typeAliases.has(key)) this.typeAliases.set(key, definition);
          break;
        case 'Node':
          if (isMain) this.nodes.push(definition);
          break;
      }
    }
    return program;
  }

  findClass(name: string, _ev?: Evaluator): HostClassDefinition | undefined {
    const key = name.replace(/^::/, '').toLowerCase();
    return this.classes.get(key) ?? (this.autoload(key, 'manifests'), this.classes.get(key));
  }

  findDefine(name: string, _ev?: Evaluator): ResourceTypeDefinition | undefined {
    const key = name.replace(/^::/, '').toLowerCase();
    return this.defines.get(key) ?? (this.autoload(key, 'manifests'), this.defines.get(key));
  }

  findFunction(name: string, _ev?: Evaluator): FunctionDefinition | undefined {
    const key = name.replace(/^::/, '').toLowerCase();
    if (this.functions.has(key) || !key.includes('::')) return this.functions.get(key);
    this.autoload(key, 'functions');
    return this.functions.get(key);
  }

  /** A type alias as a type value, evaluating its definition on first use. */
  resolveTypeAlias(name: string, ev: Evaluator): BaseType | undefined {
    const key = name.replace(/^::/, '').toLowerCase();
    const cached = this.resolvedAliases.get(key);
    if (cached) return cached;
    if (!this.typeAliases.has(key) && key.includes('::')) this.autoload(key, 'types');
    const definition = this.typeAliases.get(key);
    if (!definition) return undefined;
    const alias = new TypeAliasType(definition.name, () => {
      const resolved = ev.evaluate(definition.type, ev.topScope);
      if (resolved instanceof BaseType) return resolved;
      throw new PapplyError(`Type alias ${definition.name} does not resolve to a type`, definition.loc);
    });
    this.resolvedAliases.set(key, alias);
    return alias;
  }

  /**
   * Whether `name` (lowercase) is a resource type Puppet would know: its core types, the cs_* types,
   * stdlib's anchor, a type papply's engine implements, or one a module ships in lib/puppet/type/<name>.rb.
   */
  isResourceType(name: string): boolean {
    if (BUILTIN_TYPES.has(name) || this.nativeType(name)) return true;
    let known = this.moduleTypes.get(name);
    if (known === undefined) this.moduleTypes.set(name, (known = this.moduleShipsType(name)));
    return known;
  }

  private moduleShipsType(name: string): boolean {
    return this.modulepath.some((dir) => {
      try {
        return readdirSync(dir).some((module) => existsSync(join(dir, module, 'lib', 'puppet', 'type', `${name}.rb`)));
      } catch {
        return false;
      }
    });
  }

  /** The module a definition was autoloaded from, '' for the main manifest (Puppet's `$module_name`). */
  moduleOf(definition: object): string {
    return this.modules.get(definition) ?? '';
  }

  /** Whether class `child` inherits (directly or not) from class `ancestor`. */
  inherits(child: string, ancestor: string): boolean {
    let current = this.classes.get(child);
    for (let depth = 0; current?.parent && depth < 100; depth++) {
      const parent = current.parent.replace(/^::/, '').toLowerCase();
      if (parent === ancestor) return true;
      current = this.classes.get(parent);
    }
    return false;
  }

  /** The files looked at for `name`, for "could not find" errors. */
  searchedPaths(name: string): string[] {
    return this.searched.get(name.replace(/^::/, '').toLowerCase()) ?? [];
  }

  private autoload(key: string, kind: 'manifests' | 'functions' | 'types'): void {
    const attempt = `${kind}:${key}`;
    if (this.attempted.has(attempt)) return;
    this.attempted.add(attempt);
    const segments = key.split('::');
    const module = segments[0]!;
    const rest = segments.slice(1);
    const relative = rest.length === 0 ? (kind === 'manifests' ? ['init.pp'] : []) : [...rest.slice(0, -1), `${rest[rest.length - 1]}.pp`];
    if (relative.length === 0) return;
    const searched: string[] = [];
    for (const dir of this.modulepath) {
      const moduleDir = join(dir, module);
      if (!isDirectory(moduleDir)) continue;
      const candidates = [join(moduleDir, kind, ...relative)];
      if (kind === 'manifests' && rest.length > 0) candidates.push(join(moduleDir, 'manifests', 'init.pp'));
      for (const file of candidates) {
        searched.push(file);
        if (!existsSync(file)) continue;
        this.loadingModule = module;
        try {
          const program = this.loadFile(file);
          if (program) checkOnlyDefinitions(program, readFileSync(file, 'utf8'));
        } finally {
          this.loadingModule = undefined;
        }
      }
      break; // the first module of that name on the modulepath wins, as in Puppet
    }
    if (searched.length === 0) searched.push(...this.modulepath.map((dir) => join(dir, module, kind, ...(relative.length ? relative : ['init.pp']))));
    this.searched.set(key, searched);
  }

  /** `('templates', 'mymod/x.erb')` -> `<dir>/mymod/templates/x.erb`; absolute paths as they are. */
  resolveModuleFile(kind: 'templates' | 'files', reference: string): string | undefined {
    if (isAbsolute(reference)) return existsSync(reference) ? reference : undefined;
    const stripped = reference.replace(/^puppet:\/\/\/modules\//, '');
    const [module, ...rest] = stripped.split('/');
    if (!module || rest.length === 0) return undefined;
    for (const dir of this.modulepath) {
      const file = join(dir, module, kind, ...rest);
      if (existsSync(file)) return file;
    }
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Puppet's names for the statements an autoloaded file may not hold outside its definitions. */
const TOP_LEVEL_LABELS: Partial<Record<Expression['kind'], string>> = {
  Assignment: "'=' expression",
  Resource: 'Resource Statement',
  ResourceDefaults: 'Resource Defaults Expression',
  ResourceOverride: 'Resource Override',
  CallFunction: 'Function Call',
  CallMethod: 'Method call',
  If: "'if' statement",
  Unless: "'unless' Statement",
  Case: "'case' statement",
  Node: 'Node Definition',
};

/**
 * A module's manifests, functions and types files hold definitions only: Puppet refuses any other
 * top-level statement there ("unacceptable as a top level construct in this location").
 */
function checkOnlyDefinitions(program: Program, text: string): void {
  for (const statement of program.body) {
    if (statement.kind === 'HostClass' || statement.kind === 'Define' || statement.kind === 'FunctionDefinition' || statement.kind === 'TypeAlias') continue;
    const label =
      statement.kind === 'Relationship' ? `'${statement.op}' expression`
      : statement.kind === 'Collect' ? (statement.query.form === 'exported' ? 'Exported Query' : 'Virtual Query')
      : (TOP_LEVEL_LABELS[statement.kind] ?? 'expression');
    throw new PapplyError(`This ${label} is unacceptable as a top level construct in this location`, operatorLocation(statement, text));
  }
}

/** Puppet places a binary expression (`=`, `->`, `.`) at its operator: the first character after the left operand. */
function operatorLocation(statement: Expression, text: string): SourceLocation {
  const left = statement.kind === 'Assignment' ? statement.target : statement.kind === 'Relationship' ? statement.left : statement.kind === 'CallMethod' ? statement.receiver : undefined;
  const end = left?.loc.endOffset;
  if (end === undefined) return statement.loc;
  let offset = end;
  while (offset < text.length && /\s/.test(text[offset]!)) offset++;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file: statement.loc.file, line, column: offset - before.lastIndexOf('\n'), offset };
}
