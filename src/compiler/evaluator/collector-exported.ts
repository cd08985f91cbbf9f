// Exported resource collectors `Type <<| query |>>`. papply has no storeconfigs database, so, like
// Puppet without storeconfigs, the collection is ignored with a warning.

import type { CollectExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import type { Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import { checkCollectedType, type Collector } from './collector-virtual.js';

class IgnoredCollector implements Collector {
  readonly collected = new Set<never>();
  evaluate(): boolean {
    return false;
  }
}

export function evaluateExportedCollect(node: CollectExpression, _scope: Scope, ev: Evaluator): Value {
  ev.warn('You cannot collect exported resources without storeconfigs being set; the collection will be ignored', node.loc);
  checkCollectedType(node, ev);
  return ev.collectorValue(new IgnoredCollector());
}
