// Collector queries (`<| title == 'x' and (tag == 'y' or ensure != absent) |>`) compiled into a
// predicate over resources. Right-hand values are evaluated once, when the collector is created.

import { PapplyError } from '../../errors.js';
import type { Expression } from '../ast.js';
import type { CompiledResource } from '../catalog-builder.js';
import type { Scope } from '../scope.js';
import type { Value } from '../values.js';
import { isIn } from './comparison.js';
import { puppetEquals } from '../value-format.js';
import type { Evaluator } from './evaluator.js';

export type ResourcePredicate = (resource: CompiledResource) => boolean;

export interface CompiledQuery {
  matches: ResourcePredicate;
  /** Set when the whole query is `title == '<this>'`: collectors then look the title up instead of scanning. */
  title?: string;
}

function attributeName(expression: Expression): string {
  if (expression.kind === 'QualifiedName' || expression.kind === 'String') return expression.kind === 'String' ? expression.value : expression.name;
  if (expression.kind === 'Variable') return expression.name;
  throw new PapplyError('Collector queries compare an attribute name with a value', expression.loc);
}

function attributeValue(resource: CompiledResource, name: string): Value {
  return name === 'title' ? resource.title : resource.get(name);
}

function equalsQuery(name: string, expected: Value): ResourcePredicate {
  if (name === 'tag') return (resource) => typeof expected === 'string' && resource.hasTag(expected);
  return (resource) => {
    const actual = attributeValue(resource, name);
    return Array.isArray(actual) ? isIn(expected, actual) : puppetEquals(actual, expected);
  };
}

export function compileQuery(query: Expression | undefined, scope: Scope, ev: Evaluator): CompiledQuery {
  const inner = query?.kind === 'Parenthesized' ? query.expression : query;
  if (inner?.kind === 'Comparison' && inner.op === '==' && attributeName(inner.left) === 'title') {
    const expected = ev.evaluate(inner.right, scope);
    return { matches: equalsQuery('title', expected), title: typeof expected === 'string' ? expected : undefined };
  }
  return { matches: compilePredicate(query, scope, ev) };
}

function compilePredicate(query: Expression | undefined, scope: Scope, ev: Evaluator): ResourcePredicate {
  if (!query) return () => true;
  switch (query.kind) {
    case 'Parenthesized':
      return compilePredicate(query.expression, scope, ev);
    case 'And': {
      const left = compilePredicate(query.left, scope, ev);
      const right = compilePredicate(query.right, scope, ev);
      return (resource) => left(resource) && right(resource);
    }
    case 'Or': {
      const left = compilePredicate(query.left, scope, ev);
      const right = compilePredicate(query.right, scope, ev);
      return (resource) => left(resource) || right(resource);
    }
    case 'Comparison': {
      if (query.op !== '==' && query.op !== '!=') break;
      const matches = equalsQuery(attributeName(query.left), ev.evaluate(query.right, scope));
      return query.op === '==' ? matches : (resource) => !matches(resource);
    }
    default:
      break;
  }
  throw new PapplyError('Collector queries support ==, !=, and, or and parentheses', query.loc);
}
