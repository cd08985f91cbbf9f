// Pacemaker applies the changes of a v2 patch one at a time, and each costs more as the section
// grows: 1,000 creates under /resources take 2.4 s, 2,000 take 14 s, a first run of a large site
// (6,000 changes) minutes, twice (the check on the scratch copy, then the real write). One change
// that deletes a section and one that creates its final content take about a second for the same
// 6,000 elements. So a section with many changes is sent as its final content instead: the changes
// are applied here, to a copy of the section as read, and the patch replaces the section whole.
// It is still one patch with the same source version, so the compare-and-swap and the atomicity
// are unchanged, and so is the configuration Pacemaker ends up with.

import type { CibChange } from './diff.js';
import { CONFIGURATION_PATH } from './model.js';
import { cloneElement, pathStep, type XmlElement } from './xml.js';

/** Below this many changes in one section, the changes are sent one by one (readable patches). */
export const SECTION_REWRITE_THRESHOLD = 300;

/** The section (`resources`, `constraints` ...) a change falls in: creates in it or below, other changes below it. */
function sectionOf(change: CibChange): string | undefined {
  const path = change.operation === 'create' ? change.parentPath : change.path;
  if (!path.startsWith(`${CONFIGURATION_PATH}/`)) return undefined;
  const [section, ...below] = path.slice(CONFIGURATION_PATH.length + 1).split('/');
  return change.operation === 'create' || below.length > 0 ? section : undefined;
}

/** The element at `steps` (patch path steps below `from`), as Pacemaker's path lookup finds it. */
function locate(from: XmlElement, steps: readonly string[]): XmlElement {
  let current = from;
  for (const step of steps) {
    const next = current.children.find((child) => pathStep(child) === step);
    if (!next) throw new Error(`section rewrite: no element at step ${step} under ${pathStep(current)}`);
    current = next;
  }
  return current;
}

/** Applies one change to `section` (a copy), with the semantics of cibadmin --patch. */
function applyChange(section: XmlElement, change: CibChange): void {
  const steps = (path: string) => path.slice(CONFIGURATION_PATH.length + 1).split('/').slice(1);
  switch (change.operation) {
    case 'create': {
      const parent = locate(section, steps(change.parentPath));
      parent.children.splice(Math.min(change.position, parent.children.length), 0, cloneElement(change.element));
      return;
    }
    case 'modify':
      locate(section, steps(change.path)).attributes = { ...change.attributes };
      return;
    case 'delete': {
      const path = steps(change.path);
      const parent = locate(section, path.slice(0, -1));
      parent.children = parent.children.filter((child) => pathStep(child) !== path[path.length - 1]);
      return;
    }
  }
}

/**
 * The changes to send for `changes` against `configuration` (the configuration as read): a
 * section with more than `threshold` changes becomes a delete of the section and a create of its
 * final content at the same place; other changes are kept, in their order.
 */
export function rewriteBusySections(configuration: XmlElement, changes: readonly CibChange[], threshold = SECTION_REWRITE_THRESHOLD): CibChange[] {
  const counts = new Map<string, number>();
  for (const change of changes) {
    const section = sectionOf(change);
    if (section !== undefined) counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  const busy = new Set([...counts].filter(([, count]) => count > threshold).map(([section]) => section));
  if (busy.size === 0) return [...changes];
  const replacements: CibChange[] = [];
  for (const name of busy) {
    const position = configuration.children.findIndex((child) => pathStep(child) === name);
    const section = cloneElement(configuration.children[position]!);
    for (const change of changes) if (sectionOf(change) === name) applyChange(section, change);
    const path = `${CONFIGURATION_PATH}/${name}`;
    const summary = `${name} sent whole (${counts.get(name)} changes)`;
    replacements.push(
      { operation: 'delete', path, element: configuration.children[position]!, summary },
      { operation: 'create', parentPath: CONFIGURATION_PATH, position, element: section, summary },
    );
  }
  return [...replacements, ...changes.filter((change) => !busy.has(sectionOf(change) ?? ''))];
}
