// A CallContext for rendering templates outside a compile: the calling scope is a Map of variables
// (the template's input), functions are the registered ones, templates resolve under one directory.

import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PapplyError } from '../../src/errors.js';
import { lookupFunction, type CallContext, type Closure, type DataLookup } from '../../src/compiler/functions/registry.js';
import type { Value } from '../../src/compiler/values.js';

export class TemplateContext implements CallContext {
  readonly loc = { file: 'spec.pp', line: 1, column: 1 };
  readonly evaluator = undefined;

  constructor(
    readonly variables: Map<string, Value>,
    private readonly templateDir?: string,
    readonly dataLookup?: DataLookup,
  ) {}

  lookupVariable(name: string): Value {
    return this.variables.get(name.replace(/^::/, ''));
  }

  callFunction(name: string, args: Value[], block?: Closure): Value {
    const fn = lookupFunction(name);
    if (!fn) throw new PapplyError(`Unknown function: '${name}'`, this.loc);
    return fn(this, args, block);
  }

  resolveModuleFile(kind: 'templates' | 'files', reference: string): string | undefined {
    if (isAbsolute(reference)) return existsSync(reference) ? reference : undefined;
    if (!this.templateDir) return undefined;
    const [module, ...rest] = reference.split('/');
    const path = join(this.templateDir, module, kind, ...rest);
    return existsSync(path) ? path : undefined;
  }
}
