// The catalog in Puppet's own JSON format (what `puppet apply --catalog_cache_terminus json`
// writes). It is the seam between the compiler and the engine: the engine applies any catalog in
// this format, whether papply or Puppet compiled it.

export type CatalogValue = string | number | boolean | null | CatalogValue[] | { [key: string]: CatalogValue };

export interface CatalogResource {
  /** Capitalised per segment: `Cs_primitive`, `Openstack_extras::Pacemaker::Service`, `Class`. */
  type: string;
  title: string;
  tags: string[];
  file?: string;
  line?: number;
  exported: boolean;
  /** `compilable_type` (built-in type), `defined_type` (a define), `unknown` (classes, nodes), as Puppet writes. */
  kind?: string;
  /** Undef parameters are omitted, as Puppet does. Relationship metaparameters hold `Type[title]` strings. */
  parameters?: Record<string, CatalogValue>;
  sensitive_parameters?: string[];
}

export interface CatalogEdge {
  /** Containment only: `Stage[main]` → `Class[Foo]` → `File[/x]`. */
  source: string;
  target: string;
}

export interface Catalog {
  tags: string[];
  name: string;
  version: number;
  code_id: null;
  catalog_uuid: string;
  catalog_format: number;
  environment: string;
  resources: CatalogResource[];
  edges: CatalogEdge[];
  classes: string[];
}

/** `Type[title]`, the reference form used in edges and relationship metaparameters. */
export function resourceRef(type: string, title: string): string {
  return `${type}[${title}]`;
}
