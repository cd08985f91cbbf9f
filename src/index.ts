// papply's programmatic API.
export { main } from './cli.js';
export { PapplyError, CommandError } from './errors.js';
export type { Catalog, CatalogResource, CatalogEdge } from './compiler/catalog.js';
