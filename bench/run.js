#!/usr/bin/env node
// `npm run bench`: runs every benchmark of bench/ (each also runnable alone), prints their own
// output as it comes, then one table of the figures they reported (`@row` lines, harness.js),
// with the machine, the date and the load average before and after.
//   node bench/run.js [--only parse,compile,...] [--quick]
// --quick runs smaller sizes (compile 500,2000; CIB site 500; cluster 10 resources).
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;

const BENCHES = [
  { name: 'parse', file: 'parse.js', args: [] },
  { name: 'compile', file: 'compile-vs-puppet.js', args: [quick ? '500,2000' : '500,2000,8000'] },
  { name: 'apply-cib-site', file: 'apply-cib-site.js', args: [quick ? '500' : '2000'] },
  { name: 'cib', file: 'cib.js', args: [] },
  { name: 'engine', file: 'apply.js', args: [] },
  { name: 'service-wait', file: 'service-wait.js', args: [] },
  { name: 'cluster-converge', file: 'cluster-converge.js', args: [quick ? '10' : '50'] },
];

if (!existsSync(join(here, '..', 'dist', 'cli.js'))) {
  console.error('bench/run.js: run `npm run build` first (dist/ is missing)');
  process.exit(1);
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const header = [
  `date: ${new Date().toISOString()}`,
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}`,
  `load average at start: ${load()}`,
];
console.log(header.join('\n'));

/** Runs one bench; echoes its output, keeps its rows. */
function runBench(bench) {
  return new Promise((resolve) => {
    const rows = [];
    const child = spawn(process.execPath, [join(here, bench.file), ...bench.args], { env: { ...process.env, PAPPLY_BENCH_ROWS: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith('@row ')) rows.push(JSON.parse(line.slice(5)));
        else console.log(line);
      }
    });
    child.on('close', (code) => {
      if (pending) console.log(pending);
      if (code !== 0) rows.push({ bench: bench.name, metric: 'FAILED', papply: `exit ${code}`, alternative: '', note: 'see output above' });
      resolve(rows);
    });
  });
}

const table = [];
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue;
  console.log(`\n=== ${bench.name}: node bench/${[bench.file, ...bench.args].join(' ')}  (load ${load()})`);
  table.push(...(await runBench(bench)));
}

const columns = ['bench', 'metric', 'papply', 'alternative', 'note'];
const widths = columns.map((column) => Math.max(column.length, ...table.map((entry) => entry[column].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(`\n${header[1]}\nload average at end: ${load()}\n`);
console.log(line(columns));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const entry of table) console.log(line(columns.map((column) => entry[column])));
