// Checks Puppet makes on a parsed manifest before evaluating anything (its Checker4_0 validation):
// mistakes the grammar accepts but Puppet refuses at parse time, with Puppet's words and places.
// Run by parseManifest and parseEpp, so `papply validate` reports them too.

import type { AttributeOp, EppTemplate, HeredocSyntax, Loc, Parameter, Program } from './ast.js';
import { checkExternalSyntax } from './external-syntax.js';
import { PapplyError } from '../errors.js';

// Puppet's RESERVED_TYPE_NAMES: data types a class, define or function may not be named after.
const RESERVED_TYPE_NAMES = new Set([
  'type', 'any', 'unit', 'scalar', 'boolean', 'numeric', 'integer', 'float', 'collection', 'array', 'hash', 'tuple', 'struct', 'variant',
  'optional', 'enum', 'regexp', 'pattern', 'runtime', 'init', 'object', 'sensitive', 'semver', 'semverrange', 'string', 'timestamp', 'timespan',
  'typeset',
]);
// Puppet's Patterns::CLASSREF_DECL and PARAM_NAME.
const DEFINITION_NAME = /^[a-z]\w*(?:::[a-z]\w*)*$/;
const PARAMETER_NAME = /^[a-z_]\w*$/;
const MAX_INTEGER = 0x7fffffffffffffffn;
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
    if (/^(?:0x)?[0-9]+$/.test(parameter.name)) {
      throw new PapplyError(`The numeric parameter name '$${parameter.name}' cannot be used (clashes with numeric match result variables)`, where());
    }
    if (!PARAMETER_NAME.test(parameter.name)) {
      throw new PapplyError(`Illegal parameter name. The given name '${parameter.name}' does not conform to the naming rule /^[a-z_]\\w*$/`, where());
    }
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

/** Names of classes, defines and functions: lower case segments, none a data type's (Puppet's check_NamedDefinition). */
function checkDefinitionName(node: AstNode, label: string): void {
  const name = node.name as string;
  if (!DEFINITION_NAME.test(name)) throw new PapplyError(`Unacceptable name. The name '${name}' is unacceptable as the name of ${label}`, node.loc);
  if (RESERVED_TYPE_NAMES.has(name)) throw new PapplyError(`The name: '${name}' is already defined by Puppet and can not be used as the name of ${label}.`, node.loc);
}

/** A second `default` in a case or selector can never be reached. */
function checkSingleDefault(defaults: readonly AstNode[], container: string): void {
  if (defaults.length > 1) throw new PapplyError(`This ${container} already has a 'default' entry - this is a duplicate`, defaults[1]!.loc);
}

/** An integer literal's value, exactly (hex, octal or decimal as written). */
function integerValue(raw: string): bigint {
  if (/^0[xX]/.test(raw)) return BigInt(raw);
  if (/^0[0-7]+$/.test(raw)) return BigInt(`0o${raw.slice(1)}`);
  return BigInt(raw);
}

/** A hash key Puppet can compare before evaluating (a literal), as a comparable text; undefined otherwise. */
function literalKey(key: AstNode): { id: string; shown: string } | undefined {
  switch (key.kind) {
    case 'String':
      return { id: `s:${key.value as string}`, shown: key.value as string };
    case 'QualifiedName':
      return { id: `s:${key.name as string}`, shown: key.name as string };
    case 'Number':
      return { id: `n:${key.raw as string}`, shown: key.raw as string };
    case 'Boolean':
      return { id: `b:${String(key.value)}`, shown: String(key.value) };
    default:
      return undefined;
  }
}

/** Where an entry's `=>` stands: Puppet places a hash entry there. */
function arrowLoc(entry: AstNode, text: string): Loc {
  const key = entry.key as AstNode;
  const from = key.loc.endOffset;
  if (from === undefined || key.loc.offset === undefined) return entry.loc;
  const at = text.indexOf('=>', from);
  if (at < 0) return entry.loc;
  let { line, column } = key.loc;
  for (let index = key.loc.offset; index < at; index++) {
    if (text[index] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { ...entry.loc, line, column, offset: at };
}

function check(root: unknown, text: string, warnings: { message: string; loc: Loc }[] = []): void {
  forEachNode(root, (node) => {
    switch (node.kind) {
      case 'HostClass':
        checkDefinitionName(node, 'a Host Class Definition');
        checkParameters(node.params as Parameter[], 'Host Class Definition', text);
        break;
      case 'Define': {
        checkDefinitionName(node, "a 'define' expression");
        const params = node.params as Parameter[];
        checkParameters(params, "'define' expression", text);
        // Without a default value (with one, Puppet only warns). Puppet names no place for this
        // one; the parameter's is more use.
        const meta = params.find((parameter) => METAPARAMETERS.has(parameter.name) && parameter.value === undefined);
        if (meta) throw new PapplyError(`${meta.name} is a metaparameter; please choose another parameter name in the ${node.name as string} definition`, variableLoc(meta, text));
        break;
      }
      case 'FunctionDefinition':
        checkDefinitionName(node, 'a Function Definition');
        checkParameters(node.params as Parameter[], 'function', text);
        break;
      case 'Resource': {
        const type = node.type as AstNode;
        if (node.form !== 'regular' && type.kind === 'QualifiedName' && type.name === 'class') throw new PapplyError('Classes are not virtualizable', node.loc);
        for (const body of node.bodies as { operations: AttributeOp[] }[]) {
          checkAttributeOperators(body.operations, 'Resource Instance Definition');
          const unfolds = body.operations.filter((operation) => operation.kind === 'AttributesSplat');
          if (unfolds.length > 1) throw new PapplyError('Unfolding of attributes from Hash can only be used once per resource body', unfolds[1]!.loc);
        }
        break;
      }
      case 'ResourceDefaults':
        if (node.form !== 'regular') throw new PapplyError('Resource Defaults are not virtualizable', node.loc);
        checkAttributeOperators(node.operations as AttributeOp[], 'Resource Defaults Expression');
        break;
      case 'Assignment':
        forEachNode(node.target, (target) => {
          if (target.kind === 'Variable' && /^\d+$/.test(target.name as string)) {
            throw new PapplyError(`Illegal attempt to assign to the numeric match result variable '$${target.name as string}'. Numeric variables are not assignable`, node.loc);
          }
        });
        break;
      case 'Case':
        checkSingleDefault(
          (node.options as { values: AstNode[] }[]).flatMap((option) => option.values.filter((value) => value.kind === 'Default')),
          "'case' statement",
        );
        break;
      case 'Selector':
        checkSingleDefault(
          (node.entries as { match: AstNode }[]).map((entry) => entry.match).filter((match) => match.kind === 'Default'),
          'Selector Expression',
        );
        break;
      case 'Node':
        for (const match of node.matches as AstNode[]) {
          const hostname = match.kind === 'String' ? (match.value as string) : match.kind === 'QualifiedName' ? (match.name as string) : undefined;
          if (hostname !== undefined && /[^-\w.]/.test(hostname)) {
            throw new PapplyError(`The hostname '${hostname}' contains illegal characters (only letters, digits, '_', '-', and '.' are allowed)`, match.loc);
          }
        }
        break;
      case 'String':
        if (node.syntax) checkExternalSyntax(node.value as string, node.syntax as HeredocSyntax);
        break;
      case 'Hash': {
        const seen = new Set<string>();
        for (const entry of node.entries as AstNode[]) {
          const key = literalKey(entry.key as AstNode);
          if (!key) continue;
          if (seen.has(key.id)) warnings.push({ message: `The key '${key.shown}' is declared more than once`, loc: arrowLoc(entry, text) });
          seen.add(key.id);
        }
        break;
      }
      case 'Number':
        if (!node.isFloat && integerValue(node.raw as string) > MAX_INTEGER) {
          throw new PapplyError(`A Literal Integer resulted in a value outside of Puppet Integer max range, got '+0x${integerValue(node.raw as string).toString(16)}'`, node.loc);
        }
        break;
      default:
        break;
    }
  });
}

/** Throws Puppet's first validation error; returns what Puppet only warns about. */
export function checkProgram(program: Program, text: string): { message: string; loc: Loc }[] {
  const warnings: { message: string; loc: Loc }[] = [];
  check(program.body, text, warnings);
  return warnings;
}

export function checkEppTemplate(template: EppTemplate, text: string): void {
  if (template.params) checkParameters(template.params, 'epp', text);
  check(template.body, text);
}
