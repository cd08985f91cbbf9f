// toCompileWithAllDeps: what rspec-puppet's `compile.with_all_deps` checks — every resource a
// relationship metaparameter names is in the catalog, and the relationship graph the engine
// would apply (containers, chains, automatic relationships) has no cycle.

import { PapplyError } from '../errors.js';
import { RelationshipGraph, normalizeRef } from '../engine/graph.js';
import { findType } from '../providers/framework/registry.js';
import { Resource } from '../providers/framework/resource.js';
import type { CompiledCatalog } from './catalog.js';

const RELATIONSHIPS = ['before', 'require', 'notify', 'subscribe'] as const;

/** Problems that keep the catalog from being applied in order; empty when there are none. */
export function dependencyProblems(compiled: CompiledCatalog): string[] {
  const problems: string[] = [];
  for (const resource of compiled.resources) {
    for (const parameter of RELATIONSHIPS) {
      const value = resource.parameters[parameter];
      for (const target of (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String)) {
        if (compiled.resource(target)) continue;
        const where = resource.file ? ` at ${resource.file}${resource.line ? `:${resource.line}` : ''}` : '';
        problems.push(`${target} (${parameter} of ${resource.ref}${where}) is not in the catalog`);
      }
    }
  }
  if (problems.length > 0) return problems;

  // The engine's own graph: resources of built-in types it knows, everything else a container.
  const resources = new Map<string, Resource>();
  compiled.catalog.resources.forEach((entry) => {
    const type = findType(entry.type);
    if (!type) return;
    try {
      resources.set(normalizeRef(`${entry.type}[${entry.title}]`), new Resource(type, entry));
    } catch (error) {
      problems.push((error as Error).message);
    }
  });
  if (problems.length > 0) return problems;
  try {
    RelationshipGraph.build(compiled.catalog, resources).order();
  } catch (error) {
    if (!(error instanceof PapplyError)) throw error;
    problems.push(error.message);
  }
  return problems;
}
