// papply/spec: rspec-puppet-style catalog tests on vitest.
//
//   import { expect } from 'vitest';
//   import { compile, matchers } from 'papply/spec';
//   expect.extend(matchers);
//   const catalog = await compile({ klass: 'corosync', params: { nodes: { 'node-1': '10.0.0.11' } } });
//   expect(catalog).toContainResource('Cs_property[stonith-enabled]', { with: { value: 'false' } });

import type { CatalogMatchers } from './matchers.js';
// Names vitest for the augmentation below (erased from the JavaScript).
import type {} from 'vitest';

export { compile, withDefaults, subjectCode, CompileError, type SpecCompileOptions } from './compile.js';
export { CompiledCatalog, canonicalRef, type SpecResource, type RelationshipParameter } from './catalog.js';
export { matchers, countedResources, countedClasses, type CatalogMatchers, type ResourceExpectation, type ClassExpectation, type Expected } from './matchers.js';
export { raw, ref, sensitive, puppetLiteral, type RawCode, type SensitiveValue } from './literal.js';

// Typed matchers: vitest's Assertion (`expect(x).toContainResource`) extends Matchers<T>.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends CatalogMatchers<void> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends CatalogMatchers<void> {}
}
