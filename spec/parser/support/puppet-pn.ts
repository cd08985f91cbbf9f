// Renders papply's AST in the JSON form of `puppet parser dump --format json` (Puppet's PN model),
// so a spec can compare papply's tree with the tree Puppet 7 itself builds for the same file.
// Only the differences of representation are bridged here (Puppet's heredoc wrapper and
// invoke/call distinction are normalised away on Puppet's side by normalisePuppetPN).

import type { AttributeOp, Block, EppTemplate, Expression, Parameter, Program } from '../../../src/compiler/ast.js';

export type PN = null | boolean | number | string | PN[] | { '^': PN[] } | { '#': PN[] };

const call = (name: string, ...args: PN[]): PN => ({ '^': [name, ...args] });
const map = (...entries: [string, PN | undefined][]): PN => ({ '#': entries.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [k, v as PN]) });

function statements(b: Block | undefined): PN | undefined {
  if (!b || b.body.length === 0) return undefined;
  return b.body.map(pn);
}

function parameters(ps: Parameter[]): PN | undefined {
  if (ps.length === 0) return undefined;
  return { '#': ps.flatMap((p) => [p.name, map(['type', p.type && pn(p.type)], ['splat', p.capturesRest ? true : undefined], ['value', p.value && pn(p.value)])]) };
}

function ops(o: AttributeOp[]): PN {
  return o.map((op) => (op.kind === 'AttributesSplat' ? call('splat-hash', pn(op.value)) : call(op.op, op.name, pn(op.value))));
}

export function programToPN(p: Program): PN {
  if (p.body.length === 1) return pn(p.body[0]);
  return call('block', ...p.body.map(pn));
}

/** An EPP template as `puppet epp dump --format json` shows it: a lambda around an `epp` body. */
export function eppToPN(t: EppTemplate): PN {
  return call('lambda', map(['params', t.params && parameters(t.params)], ['body', [call('epp', ...t.body.body.map(pn))]]));
}

export function pn(n: Expression): PN {
  switch (n.kind) {
    case 'Block':
      return call('block', ...n.body.map(pn));
    case 'String':
      return n.value;
    case 'Interpolated':
      return call('concat', ...n.parts.map((part) => (part.kind === 'String' ? part.value : call('str', pn(part)))));
    case 'Number':
      if (n.isFloat) return n.value;
      if (/^0[xX]/.test(n.raw)) return call('int', map(['radix', 16], ['value', n.value]));
      if (/^0\d/.test(n.raw)) return call('int', map(['radix', 8], ['value', n.value]));
      return n.value;
    case 'Boolean':
      return n.value;
    case 'Undef':
      return null;
    case 'Default':
      return call('default');
    case 'Regex':
      return call('regexp', n.pattern);
    case 'Array':
      return call('array', ...n.elements.map(pn));
    case 'Hash':
      return call('hash', ...n.entries.map((e) => call('=>', pn(e.key), pn(e.value))));
    case 'QualifiedName':
      return call('qn', n.name);
    case 'TypeReference':
      return call('qr', n.name);
    case 'Variable':
      return call('var', n.name);
    case 'Access':
      return call('access', pn(n.target), ...n.keys.map(pn));
    case 'Not':
      return call('!', pn(n.operand));
    case 'Negate':
      if (n.operand.kind === 'Number') {
        const v = pn(n.operand);
        if (typeof v === 'number') return -v;
      }
      return call('-', pn(n.operand));
    case 'Unfold':
      return call('unfold', pn(n.operand));
    case 'Arithmetic':
    case 'Comparison':
    case 'Match':
    case 'Relationship':
      return call(n.op, pn(n.left), pn(n.right));
    case 'In':
      return call('in', pn(n.left), pn(n.right));
    case 'And':
      return call('and', pn(n.left), pn(n.right));
    case 'Or':
      return call('or', pn(n.left), pn(n.right));
    case 'Assignment':
      return call('=', pn(n.target), pn(n.value));
    case 'Parenthesized':
      return call('paren', pn(n.expression));
    case 'Selector':
      return call('?', pn(n.subject), n.entries.map((e) => call('=>', pn(e.match), pn(e.value))));
    case 'If':
      return call('if', map(['test', pn(n.test)], ['then', statements(n.then)], ['else', n.else ? (n.else.kind === 'Block' ? statements(n.else) : [pn(n.else)]) : undefined]));
    case 'Unless':
      return call('unless', map(['test', pn(n.test)], ['then', statements(n.then)], ['else', n.else ? statements(n.else) : undefined]));
    case 'Case':
      return call('case', pn(n.subject), n.options.map((o) => map(['when', o.values.map(pn)], ['then', statements(o.body) ?? [call('nop')]])));
    case 'Lambda':
      return call('lambda', map(['params', parameters(n.params)], ['returns', n.returnType && pn(n.returnType)], ['body', statements(n.body)]));
    case 'CallFunction':
      return call('call', map(['functor', call(/^[A-Z]/.test(n.name) ? 'qr' : 'qn', n.name)], ['args', n.args.map(pn)], ['block', n.block && pn(n.block)]));
    case 'CallMethod':
      return call('call-method', map(['functor', call('.', pn(n.receiver), call(/^[A-Z]/.test(n.name) ? 'qr' : 'qn', n.name))], ['args', n.args.map(pn)], ['block', n.block && pn(n.block)]));
    case 'Resource':
      return call('resource', map(['type', pn(n.type)], ['bodies', n.bodies.map((b) => map(['title', pn(b.title)], ['ops', ops(b.operations)]))], ['form', n.form === 'regular' ? undefined : n.form]));
    case 'ResourceDefaults':
      return call('resource-defaults', map(['type', pn(n.type)], ['ops', ops(n.operations)], ['form', n.form === 'regular' ? undefined : n.form]));
    case 'ResourceOverride':
      return call('resource-override', map(['resources', pn(n.resources)], ['ops', ops(n.operations)], ['form', n.form === 'regular' ? undefined : n.form]));
    case 'Collect':
      return call('collect', map(['type', pn(n.type)], ['query', call(n.query.form === 'virtual' ? 'virtual-query' : 'exported-query', ...(n.query.query ? [pn(n.query.query)] : []))], ['ops', n.operations.length ? ops(n.operations) : undefined]));
    case 'HostClass':
      return call('class', map(['name', n.name], ['parent', n.parent], ['params', parameters(n.params)], ['body', statements(n.body)]));
    case 'Define':
      return call('define', map(['name', n.name], ['params', parameters(n.params)], ['body', statements(n.body)]));
    case 'Node':
      return call('node', map(['matches', n.matches.map(pn)], ['parent', n.parent && pn(n.parent)], ['body', statements(n.body)]));
    case 'FunctionDefinition':
      return call('function', map(['name', n.name], ['params', parameters(n.params)], ['body', statements(n.body)], ['returns', n.returnType && pn(n.returnType)]));
    case 'TypeAlias':
      return call('type-alias', n.name, pn(n.type));
    case 'RenderString':
      return call('render-s', n.value);
    case 'RenderExpression':
      return call('render', pn(n.expression));
    default:
      return call('unknown');
  }
}

/** Puppet's dump with what papply deliberately does not model taken out: heredoc wrappers, invoke vs call. */
export function normalisePuppetPN(value: PN): PN {
  if (Array.isArray(value)) return value.map(normalisePuppetPN);
  if (value !== null && typeof value === 'object') {
    if ('^' in value) {
      const [head, ...rest] = value['^'];
      if (head === 'heredoc') {
        const entries = (rest[0] as { '#': PN[] })['#'];
        return normalisePuppetPN(entries[entries.indexOf('text') + 1]);
      }
      const renamed = head === 'invoke' ? 'call' : head === 'invoke-method' ? 'call-method' : head;
      return { '^': [renamed, ...rest.map(normalisePuppetPN)] };
    }
    return { '#': value['#'].map(normalisePuppetPN) };
  }
  return value;
}
