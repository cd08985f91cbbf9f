// Random desired states (parameters with XML-special characters, operations in every duration
// spelling, meta, utilization, clones) applied with the real cibadmin: after each commit a fresh
// read plans nothing, the CIB holds exactly what was asked, and crm_verify is clean.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredItem, DesiredPrimitive } from '../../src/backends/cib/index.js';
import { cibFixture } from './support.js';

// ASCII only: Pacemaker 2.1.5 itself truncates a value like `é&lt;` to `é` (non-ASCII before an entity).
const value = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'aZ09 -_./:&<>"\'=%'.split('')) });
const digits = fc.integer({ min: 0, max: 500 }).map(String);
const interval = fc.constantFrom('10', '10s', '10000ms', '15s', '1m', 'PT20S');
const timeout = fc.constantFrom('20', '20s', '20000ms', '30s');

const primitiveSpec = fc.record({
  parameters: fc.dictionary(fc.constantFrom('state', 'fake', 'passwd', 'op_sleep', 'envfile'), value, { maxKeys: 3 }),
  monitor: fc.option(fc.record({ interval, timeout }), { nil: undefined }),
  startTimeout: fc.option(timeout, { nil: undefined }),
  meta: fc.dictionary(fc.constantFrom('priority', 'resource-stickiness', 'migration-threshold'), digits, { maxKeys: 2 }),
  utilization: fc.dictionary(fc.constantFrom('cpu', 'memory'), digits, { maxKeys: 2 }),
  cloned: fc.boolean(),
});

type Spec = typeof primitiveSpec extends fc.Arbitrary<infer T> ? T : never;

function items(specs: Spec[]): DesiredItem[] {
  return specs.flatMap((spec, index): DesiredItem[] => {
    const id = `p${index}`;
    const operations = [
      ...(spec.monitor ? [{ name: 'monitor', interval: spec.monitor.interval, options: { timeout: spec.monitor.timeout } }] : []),
      ...(spec.startTimeout ? [{ name: 'start', interval: '0', options: { timeout: spec.startTimeout } }] : []),
    ];
    const primitive: DesiredPrimitive = {
      kind: 'primitive', owner: `Cs_primitive[${id}]`, id, class: 'ocf', provider: 'pacemaker', type: 'Dummy',
      parameters: spec.parameters, operations, meta: spec.meta, utilization: spec.utilization,
    };
    return spec.cloned
      ? [primitive, { kind: 'clone', owner: `Cs_clone[${id}-clone]`, id: `${id}-clone`, child: id, meta: { interleave: 'true' }, promotable: false }]
      : [primitive, { kind: 'absent', owner: `Cs_clone[${id}-clone]`, what: 'resource', id: `${id}-clone` }];
  });
}

describe('random desired states on a CIB file', () => {
  it('converge in one commit and then plan nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(primitiveSpec, { minLength: 1, maxLength: 3 }), fc.array(primitiveSpec, { minLength: 3, maxLength: 3 }), async (first, second) => {
        const cib = cibFixture();
        try {
          for (const specs of [first, second]) {
            const wanted = items(specs);
            await (await cib.open()).commit(wanted);
            const session = await cib.open();
            expect(session.plan(wanted).changes.map((change) => change.summary)).toEqual([]);
            specs.forEach((spec, index) => {
              const primitive = session.model.resources.get(`p${index}`);
              expect(primitive).toMatchObject({ kind: 'primitive', parameters: spec.parameters, meta: spec.meta, utilization: spec.utilization, parent: spec.cloned ? `p${index}-clone` : undefined });
            });
            expect((await cib.verify()).ok).toBe(true);
          }
        } finally {
          cib.cleanup();
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});
