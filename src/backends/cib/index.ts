/**
 * The CIB backend: Pacemaker configuration read once per run and changed by ONE atomic v2 XML
 * patch per batch, sent as a compare-and-swap on the version that was read.
 *
 *   const session = await CibSession.open({ cibFile, nodes, transport });  // one `cibadmin --query`
 *   session.model        // typed view: resources, constraints, cluster properties, rsc_defaults, status
 *   session.xml          // the whole CIB as read (status section included)
 *   const result = await session.commit(items, { noop });  // items: DesiredItem[], each with an owner
 *   result.notes         // readable lines per owner: `+ primitive vip ocf:heartbeat:IPaddr2 ip=...`
 *   result.transition    // for noop: crm_simulate's predicted actions on the patched copy
 *
 *   session.refresh()    // re-read (e.g. to watch the status section move); commit() re-reads after writing
 *   session.plan(items)  // the changes/notes/patch without sending anything
 *   session.backend      // kind 'file' | 'live', env (CIB_file for files: pass it to crm_resource ...), transport
 *
 * Items (see desired.ts): primitive, group, clone (promotable), location, colocation, order,
 * property, rsc_default, absent (resource|constraint) and meta — one meta attribute of any
 * existing resource, which is how the service provider sets target-role/is-managed. Everything
 * no item names is left exactly as it is. Before sending, the patch is applied to a scratch copy
 * and crm_verify'd; a rejected batch writes nothing and raises CibPatchError naming the owners.
 * Primitives' agents and parameter names are checked against the agents' metadata first (agents.ts).
 * Within `papply apply`, providers share the run's session: cibBatch(context).session() in
 * src/providers/pacemaker/cib-batch.ts.
 * Id scheme: ids.ts. Backends (CIB file / live / over ssh through the Transport): backend.ts.
 */

export { openCibBackend, fileBackend, liveBackend, createCibFile, pacemakerMessage, DEFAULT_FILE_NODES } from './backend.js';
export type { CibBackend, CibBackendOptions, PatchOutcome } from './backend.js';
export { CibSession, CibPatchError } from './session.js';
export type { CibSessionOptions, CommitOptions, CommitResult, CibPlan } from './session.js';
export { checkPatch, predictTransition, describeAction, withScratch } from './check.js';
export { AgentCatalog } from './agents.js';
export type { CheckResult, TransitionAction } from './check.js';
export { buildTarget, findResource, SERVICE_OWNED_META } from './desired.js';
export type {
  DesiredItem, DesiredPrimitive, DesiredGroup, DesiredClone, DesiredLocation, DesiredColocation, DesiredOrder,
  DesiredNvpair, DesiredMeta, DesiredAbsent, DesiredOperation, DesiredRule, ItemError,
} from './desired.js';
export { diffConfiguration, describe } from './diff.js';
export type { CibChange, ChangeNote } from './diff.js';
export { buildPatch } from './patch.js';
export { parseCib, readModel, readVersion, formatVersion, nvpairs, isTrue } from './model.js';
export type {
  CibModel, CibResource, CibPrimitive, CibGroup, CibClone, CibConstraint, CibLocation, CibColocation, CibOrder,
  CibOperation, CibRule, CibVersion, CibNode, NvMap,
} from './model.js';
export { durationMs, intervalToken, operationId, promotableParentId, sanitizeId, normalizeScore } from './ids.js';
export { parseXml, buildXml, element, childrenNamed, firstChild, type XmlElement } from './xml.js';
