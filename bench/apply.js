#!/usr/bin/env node
// Apply throughput of the engine: a catalog of N classes, each with a directory, files notifying
// a refreshonly exec, and relationships between classes — first run (everything created) and the
// idempotent second run, in a temporary directory. Run after `npm run build`:
//   node bench/apply.js [classes]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { applyCatalog } from '../dist/engine/apply.js';
import { RunLog } from '../dist/engine/log.js';
import { row } from './harness.js';

const classes = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'papply-bench-apply-'));

function catalog() {
  const resources = [
    { type: 'Stage', title: 'main', tags: ['stage'], exported: false },
    { type: 'Class', title: 'main', tags: ['class'], exported: false },
  ];
  const edges = [{ source: 'Stage[main]', target: 'Class[main]' }];
  for (let i = 0; i < classes; i++) {
    const klass = `Bench::App${i}`;
    resources.push({ type: 'Class', title: klass, tags: ['class'], exported: false, parameters: i > 0 ? { require: `Class[Bench::App${i - 1}]` } : {} });
    edges.push({ source: 'Stage[main]', target: `Class[${klass}]` });
    const add = (type, title, parameters) => {
      resources.push({ type, title, tags: [type.toLowerCase()], exported: false, parameters });
      edges.push({ source: `Class[${klass}]`, target: `${type}[${title}]` });
    };
    add('File', `${dir}/app${i}`, { ensure: 'directory' });
    for (let f = 0; f < 4; f++) add('File', `${dir}/app${i}/conf${f}`, { content: `app ${i} file ${f}\n`, mode: '0640', notify: `Exec[reload ${i}]` });
    add('Exec', `reload ${i}`, { command: '/bin/true', refreshonly: true });
  }
  return { tags: [], name: 'bench', version: 1, code_id: null, catalog_uuid: '0', catalog_format: 2, environment: 'production', resources, edges, classes: [] };
}

const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const options = { facts: { kernel: 'Linux', os: { family: 'Debian' } }, nodeName: 'bench' };
const built = catalog();
for (const label of ['first run (creates)', 'second run (idempotent)']) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await applyCatalog(built, { ...options, log: new RunLog({ stdout: sink, stderr: sink }) });
  const wall = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  row('engine', `${label}, ${report.metrics.resources.total} resources`, `${(wall / 1000).toFixed(2)} s, ${(wall / report.metrics.resources.total).toFixed(2)} ms/resource`);
  console.log(
    `${label}: ${report.metrics.resources.total} resources, ${report.metrics.changes.total} changes, ` +
      `${(wall / 1000).toFixed(2)} s wall, ${((user + system) / 1e6).toFixed(2)} s CPU, ` +
      `${(wall / report.metrics.resources.total).toFixed(2)} ms/resource, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}
rmSync(dir, { recursive: true, force: true });
