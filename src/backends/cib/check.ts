// Checks on a scratch copy of the CIB, never on the real one: apply the patch to the copy
// (schema validation by cibadmin itself), then crm_verify it (configuration errors), and ask
// crm_simulate what the cluster would do with it.

import type { Transport } from '../transport.js';
import { pacemakerMessage } from './backend.js';
import { parseXml, childrenNamed, firstChild } from './xml.js';

export interface CheckResult {
  ok: boolean;
  /** Pacemaker's own words when not ok. */
  message?: string;
  /** crm_verify warnings and errors that were already there before the patch. */
  warnings: string[];
  /** The patched CIB, when the patch applied. */
  patchedXml?: string;
}

export interface TransitionAction {
  action: string;
  resource: string;
  node?: string;
  source?: string;
  dest?: string;
}

/** A temporary directory on the transport's node, removed after `work`. */
export async function withScratch<T>(transport: Transport, work: (directory: string) => Promise<T>): Promise<T> {
  const made = await transport.run('mktemp', ['-d', '-t', 'papply-cib.XXXXXX']);
  const directory = made.stdout.trim();
  if (made.exitCode !== 0 || !directory) throw new Error(`cannot create a scratch directory on ${transport.nodeName}: ${made.stderr.trim()}`);
  try {
    return await work(directory);
  } finally {
    await transport.remove(directory, { recursive: true });
  }
}

function errorLines(output: string): string[] {
  return output.split('\n').map((line) => line.replace(/^\([^)]*\)\s*/, '').trim()).filter((line) => /^(error|warning):/i.test(line));
}

async function verify(transport: Transport, file: string): Promise<{ ok: boolean; lines: string[]; raw: string }> {
  const result = await transport.run('crm_verify', ['--verbose', '--xml-file', file]);
  return { ok: result.exitCode === 0, lines: errorLines(`${result.stderr}\n${result.stdout}`), raw: pacemakerMessage(result) };
}

/**
 * Applies `patch` to a copy of `cibXml` and verifies the result. Problems crm_verify already
 * reports for the unpatched CIB do not block (a live cluster may carry them); new errors do.
 */
export async function checkPatch(transport: Transport, cibXml: string, patch: string): Promise<CheckResult> {
  return withScratch(transport, async (directory) => {
    const copy = `${directory}/patched.xml`;
    await transport.writeFileAtomic(copy, cibXml);
    const applied = await transport.run('cibadmin', ['--patch', '--xml-pipe'], { env: { CIB_file: copy }, input: patch });
    if (applied.exitCode !== 0) return { ok: false, message: pacemakerMessage(applied), warnings: [] };
    const patchedXml = (await transport.readFile(copy))?.toString('utf8');
    const after = await verify(transport, copy);
    if (after.ok) return { ok: true, warnings: after.lines, patchedXml };
    const original = `${directory}/original.xml`;
    await transport.writeFileAtomic(original, cibXml);
    const before = await verify(transport, original);
    const known = new Set(before.lines);
    const fresh = after.lines.filter((line) => !known.has(line) && /^error/i.test(line));
    if (before.ok || fresh.length > 0) {
      return { ok: false, message: (fresh.length > 0 ? fresh.join('\n') : after.raw), warnings: [], patchedXml };
    }
    return { ok: true, warnings: after.lines, patchedXml };
  });
}

/** Pacemaker's predicted transition for a CIB: what would start, stop, move, promote... */
export async function predictTransition(transport: Transport, cibXml: string): Promise<TransitionAction[]> {
  return withScratch(transport, async (directory) => {
    const file = `${directory}/cib.xml`;
    await transport.writeFileAtomic(file, cibXml);
    const result = await transport.run('crm_simulate', ['--xml-file', file, '--run', '--output-as=xml']);
    if (result.exitCode !== 0) throw new Error(`crm_simulate failed: ${pacemakerMessage(result)}`);
    const actions = firstChild(parseXml(result.stdout), 'actions');
    return childrenNamed(actions ?? { name: '', attributes: {}, children: [] }, 'rsc_action').map((action) => ({
      action: action.attributes.action ?? '',
      resource: action.attributes.resource ?? '',
      node: action.attributes.node,
      source: action.attributes.source,
      dest: action.attributes.dest,
    }));
  });
}

/** `Start vip on node-1`, `Move vip node-1 -> node-2`. */
export function describeAction(action: TransitionAction): string {
  const verb = action.action.charAt(0).toUpperCase() + action.action.slice(1);
  if (action.source && action.dest) return `${verb} ${action.resource} ${action.source} -> ${action.dest}`;
  return `${verb} ${action.resource}${action.node ? ` on ${action.node}` : ''}`;
}
