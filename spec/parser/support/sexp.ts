// A compact one-line rendering of the AST (without locations), in the spirit of
// `puppet parser dump`, so specs can state the expected tree shape readably.

import type { AttributeOp, Expression, Parameter, EppTemplate, Program } from '../../../src/compiler/ast.js';

type AnyNode = Expression | Program | EppTemplate;

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;

function list(head: string, ...items: (string | undefined)[]): string {
  return `(${[head, ...items.filter((i): i is string => i !== undefined && i !== '')].join(' ')})`;
}

function params(ps: Parameter[]): string {
  return list(
    'params',
    ...ps.map((p) =>
      list(
        `${p.capturesRest ? '*' : ''}$${p.name}`,
        p.type ? `:type ${sexp(p.type)}` : undefined,
        p.value ? `:value ${sexp(p.value)}` : undefined,
      ),
    ),
  );
}

function ops(operations: AttributeOp[]): string[] {
  return operations.map((o) => (o.kind === 'AttributesSplat' ? list('*=>', sexp(o.value)) : list(o.op, o.name, sexp(o.value))));
}

export function sexp(n: AnyNode): string {
  switch (n.kind) {
    case 'Program':
      return list('program', ...n.body.map(sexp));
    case 'EppTemplate':
      return list('epp', n.params ? params(n.params) : undefined, sexp(n.body));
    case 'Block':
      return list('block', ...n.body.map(sexp));
    case 'String':
      return quote(n.value);
    case 'Interpolated':
      return list('cat', ...n.parts.map(sexp));
    case 'Number':
      return n.raw;
    case 'Boolean':
      return String(n.value);
    case 'Undef':
      return 'undef';
    case 'Default':
      return 'default';
    case 'Regex':
      return `/${n.pattern}/`;
    case 'Array':
      return list('[]', ...n.elements.map(sexp));
    case 'Hash':
      return list('{}', ...n.entries.map((e) => list(sexp(e.key), '=>', sexp(e.value))));
    case 'QualifiedName':
    case 'TypeReference':
      return n.name;
    case 'Variable':
      return `$${n.name}`;
    case 'Access':
      return list('slice', sexp(n.target), ...n.keys.map(sexp));
    case 'Not':
      return list('!', sexp(n.operand));
    case 'Negate':
      return list('-', sexp(n.operand));
    case 'Unfold':
      return list('unfold', sexp(n.operand));
    case 'Arithmetic':
    case 'Comparison':
    case 'Match':
    case 'Relationship':
      return list(n.op, sexp(n.left), sexp(n.right));
    case 'In':
      return list('in', sexp(n.left), sexp(n.right));
    case 'And':
      return list('and', sexp(n.left), sexp(n.right));
    case 'Or':
      return list('or', sexp(n.left), sexp(n.right));
    case 'Assignment':
      return list('=', sexp(n.target), sexp(n.value));
    case 'Parenthesized':
      return list('paren', sexp(n.expression));
    case 'Selector':
      return list('?', sexp(n.subject), ...n.entries.map((e) => list(sexp(e.match), '=>', sexp(e.value))));
    case 'If':
      return list('if', sexp(n.test), list('then', ...n.then.body.map(sexp)), n.else ? list('else', ...(n.else.kind === 'Block' ? n.else.body.map(sexp) : [sexp(n.else)])) : undefined);
    case 'Unless':
      return list('unless', sexp(n.test), list('then', ...n.then.body.map(sexp)), n.else ? list('else', ...n.else.body.map(sexp)) : undefined);
    case 'Case':
      return list('case', sexp(n.subject), ...n.options.map((o) => list('when', list('', ...o.values.map(sexp)).replace('( ', '('), list('then', ...o.body.body.map(sexp)))));
    case 'Lambda':
      return list('lambda', params(n.params), n.returnType ? `:returns ${sexp(n.returnType)}` : undefined, sexp(n.body));
    case 'CallFunction':
      return list(n.parenthesized ? 'call' : 'invoke', n.name, ...n.args.map(sexp), n.block ? sexp(n.block) : undefined);
    case 'CallMethod':
      return list('call-method', sexp(n.receiver), n.name, ...n.args.map(sexp), n.block ? sexp(n.block) : undefined);
    case 'Resource':
      return list(
        n.form === 'regular' ? 'resource' : `resource-${n.form}`,
        sexp(n.type),
        ...n.bodies.map((b) => list(sexp(b.title), ...ops(b.operations))),
      );
    case 'ResourceDefaults':
      return list(n.form === 'regular' ? 'defaults' : `defaults-${n.form}`, sexp(n.type), ...ops(n.operations));
    case 'ResourceOverride':
      return list('override', sexp(n.resources), ...ops(n.operations));
    case 'Collect':
      return list('collect', sexp(n.type), list(n.query.form === 'virtual' ? '<| |>' : '<<| |>>', n.query.query ? sexp(n.query.query) : undefined), ...ops(n.operations));
    case 'HostClass':
      return list('class', n.name, params(n.params), n.parent ? `:parent ${n.parent}` : undefined, sexp(n.body));
    case 'Define':
      return list('define', n.name, params(n.params), sexp(n.body));
    case 'Node':
      return list('node', list('matches', ...n.matches.map(sexp)), n.parent ? `:parent ${sexp(n.parent)}` : undefined, sexp(n.body));
    case 'FunctionDefinition':
      return list('function', n.name, params(n.params), n.returnType ? `:returns ${sexp(n.returnType)}` : undefined, sexp(n.body));
    case 'TypeAlias':
      return list('type-alias', n.name, sexp(n.type));
    case 'RenderString':
      return list('render', quote(n.value));
    case 'RenderExpression':
      return list('render-expr', sexp(n.expression));
  }
}
