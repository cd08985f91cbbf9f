#!/usr/bin/env node
// Converge N resources (default 50) on the real namespace cluster from empty:
//   (a) papply apply "on" node-1: N cs_primitive (ocf:pacemaker:Dummy) + N services with
//       provider => pacemaker, ensure => running, each requiring its primitive — time until
//       papply returns with all started. Puppet's order interleaves them (primitive, its service,
//       next primitive ...), so the cs_* batch is written before each service: N cs_* patches,
//       plus the services' (coalesced) patches;
//   (a') the same with `Cs_primitive <| |> -> Service <| |>`: every primitive comes first, one
//       cs_* patch, then the N services (their writes coalesce and their waits overlap either way);
//   (b) the floor: the same N primitives and their node-1 location constraints in ONE cibadmin
//       write, then the cluster's own transition time until all are started (polling the status
//       section as fast as cibadmin answers).
// Root only (network namespaces); takes the cluster use lock of spec/support/cluster.ts, so it
// never runs while a test file uses the cluster. Run after `npm run build`, as root:
//   node bench/cluster-converge.js [resources]
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildXml, element } from '../dist/backends/cib/index.js';
import { NamespaceTransport } from '../dist/backends/cluster-node.js';
import { runApply } from '../dist/cli/apply.js';
import '../dist/providers/all.js';
import { judge, parseClusterStatus } from '../dist/providers/pacemaker/lrm-status.js';
import { row } from './harness.js';

const count = Number(process.argv[2] ?? 50);
const script = fileURLToPath(new URL('../scripts/cluster', import.meta.url));
const USE_LOCK = '/var/tmp/papply-cluster.use.lock';
const ids = Array.from({ length: count }, (_, i) => `p_conv${i}`);

if (process.getuid?.() !== 0) {
  console.log('cluster-converge: skipped (needs root for the namespace cluster)');
  process.exit(0);
}

/** Holds the cluster use lock while this process lives (flock's child waits on our stdin). */
function takeUseLock() {
  return new Promise((resolve, reject) => {
    const holder = spawn('flock', [USE_LOCK, 'sh', '-c', 'echo locked && exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
    holder.stdout.on('data', (chunk) => chunk.toString().includes('locked') && resolve(holder));
    holder.on('error', reject);
  });
}

const lock = await takeUseLock();
await execa(script, ['up'], { stdio: 'inherit' });
const pid = Number((await execa(script, ['pid', '1'])).stdout.trim());
const node1 = new NamespaceTransport('node-1', pid);
const cib = async (args) => {
  const result = await node1.run('cibadmin', args);
  if (result.exitCode !== 0) throw new Error(`cibadmin ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

async function removeAll() {
  for (const id of ids) await node1.run('crm_resource', ['--resource', id, '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped']);
  await node1.run('crm_resource', ['--wait', '--timeout', '120s']);
  await node1.run('cibadmin', ['--delete-all', '--xpath', "//constraints/*[starts-with(@rsc, 'p_conv')]", '--force']);
  await node1.run('cibadmin', ['--delete-all', '--xpath', "/cib/configuration/resources/primitive[starts-with(@id, 'p_conv')]", '--force']);
  for (const id of ids) await node1.run('crm_resource', ['--cleanup', '--resource', id]);
}

async function allStarted() {
  const status = parseClusterStatus(await cib(['--query', '--scope', 'status']));
  return ids.every((id) => judge(status, { primitives: [id], scope: 'cluster', localNode: 'node-1' }, 'running').reached);
}

async function papplyConverge(dir, primitivesFirst) {
  const lines = primitivesFirst ? ['Cs_primitive <| |> -> Service <| |>'] : [];
  for (const id of ids) {
    const name = id.slice(2);
    lines.push(
      `cs_primitive { '${id}': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }`,
      `service { '${name}': ensure => running, provider => pacemaker, require => Cs_primitive['${id}'] }`,
    );
  }
  const manifest = join(dir, 'converge.pp');
  writeFileSync(manifest, `${lines.join('\n')}\n`);
  let output = '';
  const sink = new Writable({ write: (chunk, _encoding, done) => ((output += chunk), done()) });
  const started = performance.now();
  const code = await runApply(manifest, { detailedExitcodes: true }, { stdout: sink, stderr: sink, transport: node1 });
  const ms = performance.now() - started;
  if (code !== 2 || !(await allStarted())) throw new Error(`papply did not converge (exit ${code}):\n${output.slice(-3000)}`);
  return ms;
}

async function bulkPatchConverge() {
  const configuration = element('configuration', {}, [
    element('resources', {}, ids.map((id) => element('primitive', { id, class: 'ocf', provider: 'pacemaker', type: 'Dummy' }))),
    element('constraints', {}, ids.map((id) => element('rsc_location', { id: `${id}-on-node-1`, rsc: id, node: 'node-1', score: '0' }))),
  ]);
  const started = performance.now();
  await cib(['--modify', '--allow-create', '--xml-text', buildXml(configuration)]);
  while (!(await allStarted())) {
    if (performance.now() - started > 300_000) throw new Error('the cluster did not start everything within 300 s');
  }
  return performance.now() - started;
}

const dir = mkdtempSync(join(tmpdir(), 'papply-bench-converge-'));
try {
  await removeAll();
  const papplyMs = await papplyConverge(dir, false);
  await removeAll();
  const firstMs = await papplyConverge(dir, true);
  await removeAll();
  const floorMs = await bulkPatchConverge();
  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`cluster converge: ${count} ocf:pacemaker:Dummy resources from empty on the 3-node namespace cluster (asymmetric, started on node-1)`);
  console.log(`  papply apply (each service requires its cs_primitive: ${count} cs_* patches + the services'): ${seconds(papplyMs)} until it returned, all started`);
  console.log(`  papply apply (Cs_primitive <| |> -> Service <| |>: 1 cs_* patch + the services'): ${seconds(firstMs)} until it returned, all started`);
  console.log(`  floor (one bulk cibadmin write, the cluster's own transition): ${seconds(floorMs)} until all started`);
  console.log(`  papply / floor: ${(papplyMs / floorMs).toFixed(2)} and ${(firstMs / floorMs).toFixed(2)}`);
  row('cluster converge', `${count} resources from empty, until all started`, seconds(papplyMs), `${seconds(floorMs)} (one bulk cibadmin write)`, `${(papplyMs / floorMs).toFixed(2)}x the floor`);
  row('cluster converge', `same, primitives ordered before the services`, seconds(firstMs), `${seconds(floorMs)} (one bulk cibadmin write)`, `${(firstMs / floorMs).toFixed(2)}x the floor`);
} finally {
  await removeAll().catch((error) => console.error(`cleanup: ${error.message}`));
  rmSync(dir, { recursive: true, force: true });
  lock.stdin.end();
}
