// Every cs_* type created, changed and removed on a CIB file through the engine: crm_verify clean
// after each step, one write per changing run, and a repeated run writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { parseCib, type CibModel } from '../../../src/backends/cib/index.js';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';
import { cibFixture, type CibFixture } from '../../cib/support.js';

let cib: CibFixture;
beforeAll(() => {
  cib = cibFixture();
});
afterAll(() => cib.cleanup());

const dummy = (title: string, extra: Record<string, unknown> = {}): Declared => ({
  type: 'cs_primitive', title, parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy', ...extra },
});

const base: Declared[] = [dummy('a'), dummy('b'), dummy('c'), dummy('d')];

interface Step {
  name: string;
  resources: Declared[];
  check: (model: CibModel) => void;
}

const absent = (declared: Declared): Declared => ({ ...declared, parameters: { ...declared.parameters, ensure: 'absent' } });

const clone: Declared = { type: 'cs_clone', title: 'c-clone', parameters: { primitive: 'c', clone_max: 2 } };
const group: Declared = { type: 'cs_group', title: 'g', parameters: { primitives: ['a', 'b'] } };
const location: Declared = { type: 'cs_location', title: 'd-on-node-1', parameters: { primitive: 'd', node_name: 'node-1', score: '10' } };
const colocation: Declared = { type: 'cs_colocation', title: 'd-with-g', parameters: { primitives: ['g', 'd'], score: '500' } };
const order: Declared = { type: 'cs_order', title: 'g-then-d', parameters: { first: 'g', second: 'd' } };
const property: Declared = { type: 'cs_property', title: 'cluster-recheck-interval', parameters: { value: '5min' } };
const defaults: Declared = { type: 'cs_rsc_defaults', title: 'migration-threshold', parameters: { value: '2' } };
const promotable = dummy('s', { primitive_type: 'Stateful', promotable: true, ms_metadata: { 'promoted-max': 1 } });

const steps: Step[] = [
  { name: 'create all kinds', resources: [...base, clone, group, location, colocation, order, property, defaults, promotable], check: (m) => {
    expect(m.resources.get('c-clone')).toMatchObject({ meta: { 'clone-max': '2' } });
    expect(m.resources.get('g')).toMatchObject({ members: ['a', 'b'] });
    expect(m.resources.get('ms_s')).toMatchObject({ promotable: true, meta: { 'promoted-max': '1' } });
    expect(m.constraints.get('d-with-g')).toMatchObject({ score: '500' });
    expect(m.clusterProperties['cluster-recheck-interval']).toBe('5min');
    expect(m.rscDefaults['migration-threshold']).toBe('2');
  } },
  { name: 'change each kind', resources: [
    dummy('a', { parameters: { fake: 'x' } }), dummy('b'), dummy('c', { operations: { monitor: { interval: '30s' } } }), dummy('d', { metadata: { priority: '5' } }),
    { ...clone, parameters: { primitive: 'c', clone_max: 3, interleave: true } },
    { ...group, parameters: { primitives: ['b', 'a'] } },
    { ...location, parameters: { primitive: 'd', node_name: 'node-2', score: '-INFINITY' } },
    { ...colocation, parameters: { primitives: ['g', 'd'], score: '200' } },
    { ...order, parameters: { first: 'g', second: 'd', kind: 'Optional', symmetrical: false } },
    { ...property, parameters: { value: '10min' } },
    { ...defaults, parameters: { value: '4' } },
    dummy('s', { primitive_type: 'Stateful', promotable: true, ms_metadata: { 'promoted-max': 2 } }),
  ], check: (m) => {
    expect(m.resources.get('a')).toMatchObject({ parameters: { fake: 'x' } });
    expect(m.resources.get('d')).toMatchObject({ meta: { priority: '5' } });
    expect(m.resources.get('c-clone')).toMatchObject({ meta: { 'clone-max': '3', interleave: 'true' } });
    expect(m.resources.get('g')).toMatchObject({ members: ['b', 'a'] });
    expect(m.constraints.get('d-on-node-1')).toMatchObject({ node: 'node-2', score: '-INFINITY' });
    expect(m.constraints.get('d-with-g')).toMatchObject({ score: '200' });
    expect(m.constraints.get('g-then-d')).toMatchObject({ kindAttribute: 'Optional', symmetrical: 'false' });
    expect(m.clusterProperties['cluster-recheck-interval']).toBe('10min');
    expect(m.rscDefaults['migration-threshold']).toBe('4');
    expect(m.resources.get('ms_s')).toMatchObject({ meta: { 'promoted-max': '2' } });
    const c = m.resources.get('c');
    expect(c?.kind === 'primitive' && c.operations.map((op) => op.id)).toEqual(['c-monitor-30s']);
  } },
  { name: 'make s non-promotable', resources: [...base, dummy('s', { primitive_type: 'Stateful' })], check: (m) => {
    expect(m.resources.has('ms_s')).toBe(false);
    expect(m.resources.get('s')).toMatchObject({ kind: 'primitive', parent: undefined });
  } },
  { name: 'remove each kind', resources: [
    absent(order), absent(colocation), absent(location), absent(group), absent(clone), absent(property), absent(defaults),
    absent(dummy('a')), absent(dummy('b')), absent(dummy('c')), absent(dummy('d')), absent(dummy('s')),
  ], check: (m) => {
    expect(m.resources.size).toBe(0);
    expect(m.constraints.size).toBe(0);
    expect(m.clusterProperties['cluster-recheck-interval']).toBeUndefined();
    expect(m.rscDefaults['migration-threshold']).toBeUndefined();
  } },
];

describe('cs_* lifecycle on a CIB file', () => {
  for (const step of steps) {
    it(step.name, async () => {
      const options = { options: { cibFile: cib.file }, level: 'info' as const };
      const before = (await cib.epoch().catch(() => 0)) || 0;
      const first = await apply(catalogOf(step.resources), options);
      expect(first.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
      expect(first.report.status).toBe('changed');
      const after = await cib.epoch();
      if (before > 0) expect(after).toBe(before + 1);
      expect(await cib.verify()).toMatchObject({ ok: true });
      step.check(parseCib((await execa('cibadmin', ['--query'], { env: { CIB_file: cib.file } })).stdout));
      const again = await apply(catalogOf(step.resources), options);
      expect(again.report.status).toBe('unchanged');
      expect(await cib.epoch()).toBe(after);
    });
  }
});
