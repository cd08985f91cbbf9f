#!/usr/bin/env node
// CIB writes and time to converge for a site of N primitives with their constraints (default
// 200: a location per primitive, a colocation and an order per pair of neighbours), applied
//   (a) by papply: the cs_* catalog through the engine → one v2 patch per run;
//   (b) the per-resource CLI way: one `cibadmin --create` per resource and constraint.
// Both on a fresh 3-node CIB file, side by side; then a second run of each on the converged CIB
// (papply: one read, nothing to write; CLI: one `cibadmin --query --xpath` per object).
// Run after `npm run build`: node bench/cib.js [primitives]
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildXml, createCibFile, element } from '../dist/backends/cib/index.js';
import { LocalTransport } from '../dist/backends/transport.js';
import { applyCatalog } from '../dist/engine/apply.js';
import { RunLog } from '../dist/engine/log.js';
import { row as tableRow } from './harness.js';

const count = Number(process.argv[2] ?? 200);
const nodes = ['node-1', 'node-2', 'node-3'];

function site() {
  const resources = [];
  for (let i = 0; i < count; i++) {
    resources.push({ type: 'Cs_primitive', title: `p${i}`, parameters: {
      primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy',
      parameters: { state: `/run/p${i}.state` }, operations: { monitor: { interval: '30s', timeout: '20s' } },
    } });
    resources.push({ type: 'Cs_location', title: `p${i}-on-${nodes[i % 3]}`, parameters: { primitive: `p${i}`, node_name: nodes[i % 3], score: '100' } });
    if (i % 2 === 1) {
      resources.push({ type: 'Cs_colocation', title: `p${i}-with-p${i - 1}`, parameters: { primitives: [`p${i - 1}`, `p${i}`] } });
      resources.push({ type: 'Cs_order', title: `p${i - 1}-before-p${i}`, parameters: { first: `p${i - 1}`, second: `p${i}` } });
    }
  }
  return resources;
}

function catalog(resources) {
  return {
    tags: [], name: 'bench', version: 1, code_id: null, catalog_uuid: '0', catalog_format: 2, environment: 'production',
    resources: [
      { type: 'Stage', title: 'main', tags: [], exported: false },
      { type: 'Class', title: 'main', tags: [], exported: false },
      ...resources.map((r) => ({ ...r, tags: [], exported: false })),
    ],
    edges: [{ source: 'Stage[main]', target: 'Class[main]' }, ...resources.map((r) => ({ source: 'Class[main]', target: `${r.type}[${r.title}]` }))],
    classes: [],
  };
}

/** The same objects as cibadmin --create arguments (scope, XML), as a per-resource tool would send them. */
function cliObjects(resources) {
  return resources.map(({ type, title, parameters: p }) => {
    switch (type) {
      case 'Cs_primitive':
        return ['resources', element('primitive', { id: title, class: 'ocf', provider: 'pacemaker', type: 'Dummy' }, [
          element('instance_attributes', { id: `${title}-instance_attributes` }, [element('nvpair', { id: `${title}-instance_attributes-state`, name: 'state', value: p.parameters.state })]),
          element('operations', {}, [element('op', { id: `${title}-monitor-30s`, name: 'monitor', interval: '30s', timeout: '20s' })]),
        ])];
      case 'Cs_location':
        return ['constraints', element('rsc_location', { id: title, rsc: p.primitive, node: p.node_name, score: p.score })];
      case 'Cs_colocation':
        return ['constraints', element('rsc_colocation', { id: title, rsc: p.primitives[1], 'with-rsc': p.primitives[0], score: 'INFINITY' })];
      default:
        return ['constraints', element('rsc_order', { id: title, first: p.first, then: p.second, kind: 'Mandatory' })];
    }
  });
}

async function epoch(file) {
  const { stdout } = await execa('cibadmin', ['--query'], { env: { CIB_file: file } });
  return Number(/<cib [^>]* epoch="(\d+)"/.exec(stdout)?.[1]);
}

async function freshCib(directory, name) {
  const file = join(directory, name);
  await createCibFile(new LocalTransport(), file, nodes);
  return file;
}

async function papplyRun(file, resources) {
  const log = new RunLog({ level: 'err' });
  const before = await epoch(file);
  const started = performance.now();
  const report = await applyCatalog(catalog(resources), { facts: {}, nodeName: 'bench', log, options: { cibFile: file } });
  const ms = performance.now() - started;
  if (report.status === 'failed') throw new Error(log.entries.filter((e) => e.level === 'err').map((e) => e.message).join('\n'));
  return { ms, writes: (await epoch(file)) - before };
}

async function cliFirstRun(file, objects) {
  const before = await epoch(file);
  const started = performance.now();
  for (const [scope, xml] of objects) {
    await execa('cibadmin', ['--create', '-o', scope, '--xml-text', buildXml(xml)], { env: { CIB_file: file } });
  }
  return { ms: performance.now() - started, writes: (await epoch(file)) - before };
}

async function cliSecondRun(file, objects) {
  const before = await epoch(file);
  const started = performance.now();
  for (const [, xml] of objects) {
    await execa('cibadmin', ['--query', '--xpath', `//${xml.name}[@id='${xml.attributes.id}']`], { env: { CIB_file: file } });
  }
  return { ms: performance.now() - started, writes: (await epoch(file)) - before };
}

const directory = mkdtempSync(join(tmpdir(), 'papply-bench-cib-'));
try {
  const resources = site();
  const objects = cliObjects(resources);
  const papplyFile = await freshCib(directory, 'papply.xml');
  const cliFile = await freshCib(directory, 'cli.xml');
  const papplyFirst = await papplyRun(papplyFile, resources);
  const cliFirst = await cliFirstRun(cliFile, objects);
  const papplySecond = await papplyRun(papplyFile, resources);
  const cliSecond = await cliSecondRun(cliFile, objects);
  const row = (label, a, b) => console.log(`${label.padEnd(34)}${String(a).padStart(14)}${String(b).padStart(22)}`);
  console.log(`CIB site: ${count} primitives, ${objects.length - count} constraints (${objects.length} objects), 3-node CIB file`);
  row('', 'papply', 'cibadmin per object');
  row('first run: CIB writes', papplyFirst.writes, cliFirst.writes);
  row('first run: time to converge (s)', (papplyFirst.ms / 1000).toFixed(2), (cliFirst.ms / 1000).toFixed(2));
  row('second run: CIB writes', papplySecond.writes, cliSecond.writes);
  row('second run: time (s)', (papplySecond.ms / 1000).toFixed(2), (cliSecond.ms / 1000).toFixed(2));
  tableRow('cib', `${count} primitives + ${objects.length - count} constraints: first run (writes, time)`, `${papplyFirst.writes} write, ${(papplyFirst.ms / 1000).toFixed(2)} s`, `${cliFirst.writes} writes, ${(cliFirst.ms / 1000).toFixed(2)} s (cibadmin --create per object)`, `${(cliFirst.ms / papplyFirst.ms).toFixed(1)}x faster`);
  tableRow('cib', 'second run (writes, time)', `${papplySecond.writes} writes, ${(papplySecond.ms / 1000).toFixed(2)} s`, `${cliSecond.writes} writes, ${(cliSecond.ms / 1000).toFixed(2)} s (cibadmin --query per object)`, '');
  console.log(`goal: 1 CIB write per run -> ${papplyFirst.writes === 1 && papplySecond.writes === 0 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
