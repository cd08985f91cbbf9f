// Which timeout Pacemaker gives an action (start, stop, promote) of a primitive, from the CIB
// alone, resolved as Pacemaker's scheduler does (Pacemaker Explained, "Resource Operations" and
// "Setting Global Defaults for Operations"; checked with crm_simulate's transition graph,
// CRM_meta_timeout, on Pacemaker 2.1.5):
//   1. the `timeout` attribute of the action's `<op>` (interval 0), then that op's
//      `<meta_attributes>` (the model's op options; see readOperation in backends/cib/model.ts);
//   2. `<op_defaults>`: its `<meta_attributes>` sets, highest `score` first (document order among
//      equal scores), the first whose rule matches (op_expression, rsc_expression, nested rules)
//      and that sets `timeout`;
//   3. nothing in the CIB: Pacemaker itself then uses its built-in 20 s and never reads the agent's
//      metadata (the metadata's timeouts are advice that tools like pcs copy into `<op>` entries).
// The service provider falls back to the agent's metadata, then a default, after these
// (service-control.ts): that is papply's choice for how long to wait, not Pacemaker's timeout.

import type { CibModel, CibPrimitive, XmlElement } from '../../backends/cib/index.js';
import { childrenNamed, durationMs, firstChild } from '../../backends/cib/index.js';

export interface CibTimeout {
  ms: number;
  /** Where it was found, for debug output. */
  source: string;
}

/** The timeout of `action` of `primitive` from its op or the op_defaults; undefined when the CIB sets none. */
export function cibActionTimeout(model: CibModel, primitive: CibPrimitive, action: string): CibTimeout | undefined {
  const op = primitive.operations.find((o) => o.name === action && (durationMs(o.interval) ?? 0) === 0);
  const fromOp = durationMs(op?.options.timeout);
  if (fromOp !== undefined) return { ms: fromOp, source: 'the op timeout in the CIB definition' };
  return opDefaultsTimeout(model, primitive, action);
}

function opDefaultsTimeout(model: CibModel, primitive: CibPrimitive, action: string): CibTimeout | undefined {
  const configuration = firstChild(model.root, 'configuration');
  const defaults = configuration && firstChild(configuration, 'op_defaults');
  if (!defaults) return undefined;
  const sets = childrenNamed(defaults, 'meta_attributes')
    .map((set, index) => ({ set, index, score: scoreOf(set.attributes.score) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  for (const { set } of sets) {
    const rule = firstChild(set, 'rule');
    if (rule && !ruleMatches(rule, primitive, action)) continue;
    const pair = childrenNamed(set, 'nvpair').find((nvpair) => nvpair.attributes.name === 'timeout');
    const ms = durationMs(pair?.attributes.value);
    if (ms !== undefined) return { ms, source: `the CIB op_defaults (${set.attributes.id ?? 'meta_attributes'})` };
  }
  return undefined;
}

function scoreOf(score: string | undefined): number {
  if (score === undefined) return 0;
  const text = score.trim().toUpperCase();
  if (text === 'INFINITY' || text === '+INFINITY') return Number.POSITIVE_INFINITY;
  if (text === '-INFINITY') return Number.NEGATIVE_INFINITY;
  return Number.parseInt(text, 10) || 0;
}

/**
 * An op_defaults rule for this primitive's action: op_expression (name, interval), rsc_expression
 * (class, provider, type) and nested rules, combined by boolean-op (and by default). Other
 * expressions (node attributes, dates) cannot be judged from here and count as not matching.
 */
function ruleMatches(rule: XmlElement, primitive: CibPrimitive, action: string): boolean {
  const results = rule.children.map((child) => {
    switch (child.name) {
      case 'op_expression': {
        const { name, interval } = child.attributes;
        return name === action && (interval === undefined || (durationMs(interval) ?? -1) === 0);
      }
      case 'rsc_expression': {
        const { class: rscClass, provider, type } = child.attributes;
        return (rscClass === undefined || rscClass === primitive.class) && (provider === undefined || provider === primitive.provider) && (type === undefined || type === primitive.type);
      }
      case 'rule':
        return ruleMatches(child, primitive, action);
      default:
        return false;
    }
  });
  if (results.length === 0) return true;
  return rule.attributes['boolean-op'] === 'or' ? results.some(Boolean) : results.every(Boolean);
}
