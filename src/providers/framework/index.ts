// papply's resource abstraction layer (Puppet's types and providers, in TypeScript).
//
// HOW TO WRITE A TYPE
//   import { registerType, Provider, booleanAttribute } from '../framework/index.js';
//   export const myType = registerType({
//     name: 'my_thing',                          // lower case, as in manifests (`my::thing` works too)
//     ensurable: true,                           // adds `ensure` (present/absent) → exists/create/destroy;
//                                                // or { values: ['present','absent','running'], defaultTo: 'present' }
//     attributes: {
//       name:    { kind: 'parameter', namevar: true },                 // defaults to the title
//       size:    { kind: 'property', values: [/^\d+$/], munge: Number }, // wrong value → `Invalid value "x". Valid values match /^\d+$/.`
//       members: { kind: 'property', insync: unorderedInsync },          // arrays compared as sets
//       force:   booleanAttribute('parameter', false),
//       path:    { kind: 'parameter', defaultTo: (resource) => `/etc/${resource.name}` },
//     },
//     autorequire: { file: (resource) => [String(resource.get('path'))] }, // File[...] first, if in the catalog
//     validate: (resource) => { if (...) throw new Error('size needs path'); },
//     refresh: async (resource) => { ... },      // reaction to notify/subscribe events (optional)
//     generate: async (resource) => [entries],   // resources made at apply time (file recurse; optional)
//   }, [MyThingProvider]);
//   Then add `import './my_thing.js'` to your index and your index to src/providers/all.ts.
//   Attribute kinds: `property` = system state, retrieved, compared (insync) and synced, with events
//   `x changed 'a' to 'b'`; `parameter` = how to act. Metaparameters (require, before, notify,
//   subscribe, tag, noop, loglevel, alias, stage, provider ...) are the engine's: not declared here.
//   Values arrive validated (`values`, `validate`) and munged; read them with resource.get('size').
//   Other helpers on Resource: .name (namevar), .title, .ref (`My_thing[x]`), .path, .notice()/.debug()/...,
//   .logProperty('prop', level, msg) (`<path>/prop: msg`), .noop (its noop metaparameter, else --noop).
//   Non-isomorphic types (`isomorphic: false`, like exec) allow several resources with one namevar.
//   Unregistered types in a catalog are containers (classes, defines); a `compilable_type` papply
//   lacks stops the run before anything changes.
//   To add a provider to someone else's type: registerProvider('service', PacemakerService)
//   (service providers extend ServiceProvider from src/providers/core/service.ts: status/start/stop,
//   optional restart/enabled/enable/disable);
//   attributes only your provider understands: registerAttributes('service', { x: {..., requiredFeatures: ['mine']} }).
//
// HOW TO WRITE A PROVIDER
//   class MyThingProvider extends Provider {
//     static override readonly providerName = 'default';
//     static readonly confine: Confine = { commands: ['mytool'], facts: { 'os.family': 'Debian' } };
//     static readonly defaultFor = [{ 'os.family': 'Debian' }];  // preferred when several are suitable
//     static readonly features = ['manages_size'];               // for attributes' requiredFeatures
//     // Read the whole system state ONCE per run, for all resources of this provider:
//     static async prefetch(resources: readonly Resource[], context: ApplyContext) {
//       const all = await readEverything(context.transport);
//       for (const r of resources) r.provider.current = all.get(r.name) ?? { ensure: 'absent' };
//     }
//     // (or `static async instances(context)` returning property hashes with `name`: the default prefetch matches them)
//     override async create() { await this.execute(['mytool', 'add', this.resource.name]); }
//     override async destroy() { ... }
//     override async set(property, value) { ... }  // or keep the default (records into `current` and
//     override async flush() { ... }                // `this.changed`) and write everything in flush()
//   }
//   Current values: get(property) returns `current[property]` by default (ensure: from exists(),
//   which is `current.ensure !== 'absent'`); override get/exists when you read lazily.
//   Sync order per resource: if ensure is out of sync, ONLY ensure is synced (create() must apply
//   every property from resource.get(...)); otherwise each out-of-sync property gets set(); then
//   flush() once if anything changed. Errors thrown fail the resource (message shown as
//   `change from 'a' to 'b' failed: <message>`); its dependents are skipped.
//   Commands: this.execute(argv, { okCodes, input, env, cwd, timeoutMs }) → CommandResult (throws
//   CommandError on other exit codes), this.executeUnchecked(argv). Never a shell string.
//   Context (this.context): transport, noop, facts, nodeName, modulepath, catalog, options (extra CLI
//   options registered with registerApplyOption, camelCase), log(level, msg, resource?),
//   progress({ what, elapsedMs, timeoutMs, detail }, resource) for long waits (throttled printing;
//   commands run with execute() report themselves after 5 s; withProgress(context, resource, what,
//   timeoutMs, promise) does the same for any other wait),
//   cache (per-run Map shared by providers).
//   Work that goes on by itself once started (a cluster acting on a CIB change): `await
//   this.completeLater(promise)` lets the run apply independent resources meanwhile; the engine
//   resumes the provider (with the promise's outcome) before anything depending on the resource
//   and at the end, so messages, flush, refresh and events keep run order.
//   Provider choice: `provider => x` in the manifest, else the suitable provider with the best
//   defaultFor match, else the first suitable. Unknown or unsuitable providers fail the whole run
//   BEFORE anything changes (all resources are checked first).
//
// BATCHED PROVIDERS (one commit per run, e.g. one CIB patch for every cs_* resource)
//   class CsPrimitiveProvider extends Provider {
//     static createBatch(context: ApplyContext): Batch { return new CibBatch(context); } // once per run
//     override async create() { (this.batch as CibBatch).add(this.resource, ...); } // record, don't apply
//   }
//   Several provider classes share one batch (one patch for cs_primitive, cs_location ...) when
//   their createBatch returns the same object: keep it in context.cache, e.g.
//     static createBatch(context) { return sharedCibBatch(context); } // get-or-create in context.cache
//   Members of all those classes are then committed together by one commit(members) call.
//   The engine gives the batch to every provider instance of the class (`this.batch`). A resource
//   of the class that produced change events (noop events included) becomes a *member*.
//   `batch.commit(members)` is called (a) before evaluating any resource that depends on a member,
//   directly or transitively (through classes/defines too), and (b) at the end of the run. For
//   members in noop (`member.noop`: the resource's noop metaparameter, else --noop) commit must
//   only preview. If commit throws, every member is
//   marked failed with the error's message (its events become failures) and their dependents skip.
//
// Files: type.ts (defineType, AttributeDefinition, helpers), provider.ts (Provider, Confine, Batch),
// resource.ts (Resource), context.ts (ApplyContext), registry.ts, options.ts (registerApplyOption).
// The engine lives in src/engine (graph.ts, transaction.ts, apply.ts: applyCatalog).

export { defineType, ResourceType, booleanAttribute, unorderedInsync, deepEqual, formatValue, checkAllowedValues } from './type.js';
export type { AttributeDefinition, AttributeValue, DefaultValue, EnsureDefinition, TitlePattern, TypeDefinition } from './type.js';
export { Provider, unsuitableReasons, defaultScore, withProgress } from './provider.js';
export type { Batch, Confine, ProviderClass } from './provider.js';
export { Resource, METAPARAMETERS } from './resource.js';
export type { LogLevel } from './resource.js';
export type { ApplyContext, ProgressReport } from './context.js';
export { registerType, registerProvider, registerAttributes, findType, registeredTypes } from './registry.js';
export { registerApplyOption } from './options.js';
export type { ApplyOptionDefinition } from './options.js';
