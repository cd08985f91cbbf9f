// Checks Puppet makes on a parsed manifest before evaluating anything (its Checker4_0 validation):
// mistakes the grammar accepts but Puppet refuses at parse time, with Puppet's words and places.
// Run by parseManifest and parseEpp, so `papply validate` reports them too.

import type { AttributeOp, EppTemplate, Loc, Parameter, Program } from './ast.js';
import { PapplyError } from '../errors.js';

const METAPARAMETERS = new Set(['alias', 'audit', 'before', 'loglevel', 'noop', 'notify', 'require', 'schedule', 'stage', 'subscribe', 'tag']);

type AstNode = { kind: string; loc: Loc } & Record<string, unknown>;

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && 'loc' in value;
}

/** Calls `visit` for every node below `root` (root included), depth first in source order. */
function forEachNode(root: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) forEachNode(item, visit);
    return;
  }
  if (!isNode(root)) return;
  visit(root);
  for (const key in root) if (key !== 'loc') forEachNode(root[key], visit);
}

/** Where a parameter's `$name` stands (Puppet places parameter errors there, after any type or `*`). */
function variableLoc(parameter: Parameter, text: string): Loc {
  const start = parameter.loc.offset;
  if (start === undefined) return parameter.loc;
  const at = text.indexOf(`$${parameter.name}`, start);
  if (at < 0) return parameter.loc;
  let { line, column } = parameter.loc;
  for (let index = start; index < at; index++) {
    if (text[index] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { ...parameter.loc, line, column, offset: at };
}

function checkParameters(params: readonly Parameter[], definition: 'Host Class Definition' | "'define' expression" | 'function' | 'epp', text: string): void {
  const seen = new Set<string>();
  for (const parameter of params) {
    const where = () => variableLoc(parameter, text);
    if (seen.has(parameter.name)) throw new PapplyError(`The parameter '${parameter.name}' is declared more than once in the parameter list`, where());
    seen.add(parameter.name);
    if (definition === 'function' || definition === 'epp') continue;
    if (parameter.name === 'title' || parameter.name === 'name') {
      throw new PapplyError(`The parameter $${parameter.name} redefines a built in parameter in the ${definition}`, where());
    }
    if (parameter.capturesRest) throw new PapplyError(`Parameter $${parameter.name} has 'captures rest' - not supported in a ${definition}`, where());
  }
}

function checkAttributeOperators(operations: readonly AttributeOp[], context: string): void {
  for (const operation of operations) {
    if (operation.kind === 'AttributeOperation' && operation.op === '+>') {
      throw new PapplyError(`Illegal +> operation on attribute ${operation.name}. This operator can not be used in a ${context}`, operation.loc);
    }
  }
}

function check(root: unknown, text: string): void {
  forEachNode(root, (node) => {
    switch (node.kind) {
      case 'HostClass':
        checkParameters(node.params as Parameter[], 'Host Class Definition', text);
        break;
      case 'Define': {
        const params = node.params as Parameter[];
        checkParameters(params, "'define' expression", text);
        // Without a default value (with one, Puppet only warns). Puppet names no place for this
        // one; the parameter's is more use.
        const meta = params.find((parameter) => METAPARAMETERS.has(parameter.name) && parameter.value === undefined);
        if (meta) throw new PapplyError(`${meta.name} is a metaparameter; please choose another parameter name in the ${node.name as string} definition`, variableLoc(meta, text));
        break;
      }
      case 'FunctionDefinition':
        checkParameters(node.params as Parameter[], 'function', text);
        break;
      case 'Resource':
        for (const body of node.bodies as { operations: AttributeOp[] }[]) checkAttributeOperators(body.operations, 'Resource Instance Definition');
        break;
      case 'ResourceDefaults':
        checkAttributeOperators(node.operations as AttributeOp[], 'Resource Defaults Expression');
        break;
      case 'Assignment':
        forEachNode(node.target, (target) => {
          if (target.kind === 'Variable' && /^\d+$/.test(target.name as string)) {
            throw new PapplyError(`Illegal attempt to assign to the numeric match result variable '$${target.name as string}'. Numeric variables are not assignable`, node.loc);
          }
        });
        break;
      default:
        break;
    }
  });
}

export function checkProgram(program: Program, text: string): void {
  check(program.body, text);
}

export function checkEppTemplate(template: EppTemplate, text: string): void {
  if (template.params) checkParameters(template.params, 'epp', text);
  check(template.body, text);
}
