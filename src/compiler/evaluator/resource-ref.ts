// Resource and class references as the evaluator uses them. References are types of the type
// system (`ResourceType` for `File['/x']`, `ClassType` for `Class['foo']`); these helpers map them
// to the catalog's type and title.

import { capitalizeTypeName as capitalizeType, ClassType, ResourceType } from '../types/index.js';
import type { PType, Value } from '../values.js';

const capitalized = new Map<string, string>();

/** `foo::bar` -> `Foo::Bar` (cached: called for every resource). */
export function capitalizeTypeName(name: string): string {
  let result = capitalized.get(name);
  if (result === undefined) capitalized.set(name, (result = capitalizeType(name)));
  return result;
}

/** The title a class has in the catalog: `Foo::Bar`, except `main`. */
export function classTitle(name: string): string {
  const bare = name.replace(/^::/, '').toLowerCase();
  return bare === 'main' ? 'main' : capitalizeTypeName(bare);
}

export interface RefTarget {
  /** Catalog type: `File`, `Foo::Bar`, `Class`. */
  type: string;
  /** Catalog title: `/x`, `Foo::Bar` for classes. */
  title: string;
}

/** What a titled reference designates; undefined for anything else (a bare `File`, a string ...). */
export function refTarget(value: Value): RefTarget | undefined {
  if (value instanceof ClassType) return value.className === undefined ? undefined : { type: 'Class', title: classTitle(value.className) };
  if (value instanceof ResourceType && value.typeName !== undefined && value.title !== undefined) {
    return value.typeName === 'Class' ? { type: 'Class', title: classTitle(value.title) } : { type: value.typeName, title: value.title };
  }
  return undefined;
}

/** A reference written as a string (`'Package[ntp]'`, `'Class[foo]'`), as relationship metaparameters accept. */
export function parseReference(text: string): RefTarget | undefined {
  const match = /^([A-Za-z][\w:]*)\[(.*)\]$/s.exec(text.trim());
  if (!match) return undefined;
  const type = capitalizeTypeName(match[1]!);
  const title = match[2]!.replace(/^(['"])(.*)\1$/s, '$2');
  return type === 'Class' ? { type, title: classTitle(title) } : { type, title };
}

/** `File[/x]`, `Class[Foo]`: the catalog's reference form. */
export function refString(target: RefTarget): string {
  return `${target.type}[${target.title}]`;
}

/** A reference value to a catalog resource. */
export function referenceTo(type: string, title: string): PType {
  return type === 'Class' ? new ClassType(title === 'main' ? 'main' : title.toLowerCase()) : new ResourceType(type, title);
}
