// The types papply knows, by lower-case name. Type modules register themselves on import;
// src/providers/all.ts imports every one of them.

import type { ProviderClass } from './provider.js';
import { defineType, type AttributeDefinition, type ResourceType, type TypeDefinition } from './type.js';

const types = new Map<string, ResourceType>();

/** Defines and registers a type; registering a name twice is a programming error. */
export function registerType(definition: TypeDefinition, providers: readonly ProviderClass[] = []): ResourceType {
  if (types.has(definition.name)) throw new Error(`type ${definition.name} is registered twice`);
  const type = defineType(definition);
  for (const provider of providers) type.addProvider(provider);
  types.set(type.name, type);
  return type;
}

/** Adds a provider to a type registered elsewhere (e.g. the pacemaker provider of service). */
export function registerProvider(typeName: string, provider: ProviderClass): void {
  const type = types.get(typeName);
  if (!type) throw new Error(`cannot add provider ${provider.providerName}: no type ${typeName}`);
  type.addProvider(provider);
}

/**
 * Adds attributes to a type registered elsewhere, for one provider's needs (declare them with
 * `requiredFeatures` naming a feature only that provider has, so other providers reject them).
 */
export function registerAttributes(typeName: string, attributes: Record<string, AttributeDefinition>): void {
  const type = types.get(typeName);
  if (!type) throw new Error(`cannot add attributes: no type ${typeName}`);
  type.addAttributes(attributes);
}

/** By manifest name (`file`) or reference name (`File`, `Concat::Fragment`). */
export function findType(name: string): ResourceType | undefined {
  return types.get(name.toLowerCase());
}

export function registeredTypes(): ResourceType[] {
  return [...types.values()];
}
