// cs_location: where a resource may or should run — a node with a score, or rules on node
// attributes (puppet-corosync's rules format:
//   [{ 'rule-id' => { 'score' => '-INFINITY', 'boolean-op' => 'or',
//                     'expression' => [{ 'attribute' => 'pingd', 'operation' => 'lt', 'value' => '1' }] } }]).

import type { CibModel, CibRule, DesiredItem, DesiredRule } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import { deepEqual, type AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices, primitiveTitle, scoreInsync, stringMap, type StringMap } from './cs-values.js';

type RuleEntry = Record<string, { score?: string; 'score-attribute'?: string; 'boolean-op'?: string; role?: string; expression: StringMap[] }>;

function ruleEntry(rule: CibRule): RuleEntry {
  const body: RuleEntry[string] = { expression: rule.expressions.map((e) => stringMap({ attribute: e.attribute, operation: e.operation, ...(e.value === undefined ? {} : { value: e.value }), ...(e.type === undefined ? {} : { type: e.type }) })) };
  if (rule.score !== undefined) body.score = rule.score;
  if (rule.scoreAttribute !== undefined) body['score-attribute'] = rule.scoreAttribute;
  if (rule.booleanOp !== undefined) body['boolean-op'] = rule.booleanOp;
  if (rule.role !== undefined) body.role = rule.role;
  return { [rule.id ?? '']: body };
}

function mungeRules(value: unknown): RuleEntry[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new Error('each rule must be a hash');
    const pairs = Object.entries(entry as Record<string, unknown>);
    // Either { id => { score, expression } } or the body itself without an id.
    const [id, body] = pairs.length === 1 && typeof pairs[0]![1] === 'object' && !Array.isArray(pairs[0]![1]) ? pairs[0]! : [`rule-${index}`, entry];
    const fields = body as Record<string, unknown>;
    const expressions = [fields.expression ?? []].flat().map((expression) => stringMap(expression));
    const rule: RuleEntry[string] = { expression: expressions };
    for (const key of ['score', 'score-attribute', 'boolean-op', 'role'] as const) if (fields[key] !== undefined) rule[key] = String(fields[key]);
    return { [id]: rule };
  });
}

function rulesInsync(is: AttributeValue, should: AttributeValue): boolean {
  const normalize = (value: AttributeValue) => (Array.isArray(value) ? (value as RuleEntry[]) : []).map((entry) => {
    const [, body] = Object.entries(entry)[0]!;
    return { ...body, score: body.score === undefined ? undefined : String(body.score).replace(/^\+?inf(inity)?$/i, 'INFINITY') };
  });
  return deepEqual(JSON.parse(JSON.stringify(normalize(is))), JSON.parse(JSON.stringify(normalize(should))));
}

class CsLocationProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const location = model.constraints.get(this.resource.name);
    if (location?.kind !== 'rsc_location') return undefined;
    const current: Record<string, AttributeValue> = { ensure: 'present', primitive: location.rsc, rules: location.rules.map(ruleEntry) };
    if (location.rules.length === 0) Object.assign(current, { node_name: location.node, score: location.score });
    current.resource_discovery = location.resourceDiscovery ?? 'absent';
    current.role = location.role ?? 'absent';
    return current;
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    const rules = ((r.get('rules') as RuleEntry[] | undefined) ?? []).map((entry): DesiredRule => {
      const [id, body] = Object.entries(entry)[0]!;
      return {
        id, score: body.score, scoreAttribute: body['score-attribute'], booleanOp: body['boolean-op'], role: body.role,
        expressions: body.expression.map((e) => ({ attribute: e.attribute ?? '', operation: e.operation ?? '', value: e.value, type: e.type })),
      };
    });
    const discovery = r.get('resource_discovery');
    const role = r.get('role');
    return [{
      kind: 'location', owner: r.ref, id: r.name, rsc: String(r.get('primitive')),
      node: r.get('node_name') as string | undefined, score: String(r.get('score')), rules,
      resourceDiscovery: discovery === undefined || discovery === 'absent' ? undefined : String(discovery),
      role: role === undefined || role === 'absent' ? undefined : String(role),
    }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'constraint', id: this.resource.name }];
  }
}

export const csLocationType = registerType(
  {
    name: 'cs_location',
    doc: 'A Pacemaker location constraint (puppet-corosync compatible).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      primitive: { kind: 'property', doc: 'The resource (primitive, clone, group, ms_<name>) placed.' },
      // With rules, node_name and score are not used (the rules carry the scores).
      node_name: { kind: 'property', doc: 'The node preferred (or avoided, with a negative score).', insync: (is, should, resource) => resource.get('rules') !== undefined || is === should },
      score: { kind: 'property', defaultTo: 'INFINITY', munge: (value) => String(value), insync: (is, should, resource) => resource.get('rules') !== undefined || scoreInsync(is, should) },
      rules: { kind: 'property', doc: 'Rules instead of node_name/score.', munge: (value) => mungeRules(value), insync: rulesInsync },
      resource_discovery: { kind: 'property', values: ['always', 'never', 'exclusive', 'absent'] },
      role: { kind: 'property', doc: 'Limit to a role (Started, Promoted/Master ...).' },
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') === 'absent') return;
      if (resource.get('primitive') === undefined) throw new Error('primitive is required');
      if (resource.get('node_name') === undefined && resource.get('rules') === undefined) throw new Error('node_name or rules is required');
    },
    autorequire: {
      service: corosyncServices,
      cs_primitive: (resource) => (resource.get('primitive') === undefined ? [] : [primitiveTitle(String(resource.get('primitive')))]),
      cs_clone: (resource) => (resource.get('primitive') === undefined ? [] : [String(resource.get('primitive'))]),
      cs_group: (resource) => (resource.get('primitive') === undefined ? [] : [String(resource.get('primitive'))]),
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsLocationProvider),
);
