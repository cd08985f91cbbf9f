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

/** `attribute == 'text'`: a term every match of a query satisfies. */
export interface QueryLookup {
  attribute: string;
  text: string;
}

export interface CompiledQuery {
  matches: ResourcePredicate;
  /**
   * Set when every match must have `attribute == text` (the whole query, or one side of an `and`):
   * collectors then look the candidates up instead of scanning the type.
   */
  lookup?: QueryLookup;
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
  const lookups: QueryLookup[] = [];
  return { matches: compilePredicate(query, scope, ev, lookups), lookup: lookups[0] };
}

/** Compiles `query`; `lookups` receives the `attribute == 'text'` terms every match must satisfy. */
function compilePredicate(query: Expression | undefined, scope: Scope, ev: Evaluator, lookups?: QueryLookup[]): ResourcePredicate {
  if (!query) return () => true;
  switch (query.kind) {
    case 'Parenthesized':
      return compilePredicate(query.expression, scope, ev, lookups);
    case 'And': {
      // Both sides must hold, so a lookup term of either side narrows the whole query.
      const left = compilePredicate(query.left, scope, ev, lookups);
      const right = compilePredicate(query.right, scope, ev, lookups);
      return (resource) => left(resource) && right(resource);
    }
    case 'Or': {
      const left = compilePredicate(query.left, scope, ev);
      const right = compilePredicate(query.right, scope, ev);
      return (resource) => left(resource) || right(resource);
    }
    case 'Comparison': {
      if (query.op !== '==' && query.op !== '!=') break;
      const attribute = attributeName(query.left);
      const expected = ev.evaluate(query.right, scope);
      // Tags are not parameters (hasTag), so they are not looked up.
      if (query.op === '==' && attribute !== 'tag' && typeof expected === 'string') lookups?.push({ attribute, text: expected });
      const matches = equalsQuery(attribute, expected);
      return query.op === '==' ? matches : (resource) => !matches(resource);
    }
    default:
      break;
  }
  throw new PapplyError('Collector queries support ==, !=, and, or and parentheses', query.loc);
}
