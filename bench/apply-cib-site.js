#!/usr/bin/env node
// `papply apply --cib-file` on the 2,000-instance wrapper site of bench/site.js: the cluster part
// of the catalog (--tags cs_*: services on a CIB file would wait on crm_simulate one by one),
// noop, then the real apply, then a second (idempotent) run. CIB writes per run are counted twice:
// the epoch delta of the file, and the cibadmin --patch/--replace/--create invocations seen by a
// counting `cibadmin` wrapper first on papply's PATH (a real executable that logs its arguments
// and runs the real cibadmin; calls on scratch copies, which papply patches first to check a patch,
// are not counted).
// Run after `npm run build`: node bench/apply-cib-site.js [instances] [runs: noop,apply,second]
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { megabytes, row, seconds, timed } from './harness.js';
import { papplyBin, writeWrapperSite } from './site.js';

const instances = Number(process.argv[2] ?? 2000);
const runs = new Set((process.argv[3] ?? 'noop,apply,second').split(','));
const work = mkdtempSync(join(tmpdir(), 'papply-bench-apply-cib-'));
const realCibadmin = execFileSync('sh', ['-c', 'command -v cibadmin'], { encoding: 'utf8' }).trim();
const calls = join(work, 'cibadmin-calls.log');
writeFileSync(join(work, 'cibadmin'), `#!/bin/sh\nprintf '%s|%s\\n' "$CIB_file" "$*" >> '${calls}'\nexec '${realCibadmin}' "$@"\n`);
chmodSync(join(work, 'cibadmin'), 0o755);
const env = { ...process.env, PATH: `${work}:${process.env.PATH}` };

const epoch = (file) => Number(/<cib [^>]*\bepoch="(\d+)"/.exec(execFileSync(realCibadmin, ['--query'], { env: { ...process.env, CIB_file: file }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }))?.[1]);
/** Write calls on `file` (papply also patches scratch copies to check a patch before sending it). */
const writesLogged = (file) => {
  let text = '';
  try {
    text = readFileSync(calls, 'utf8');
  } catch {}
  return text.split('\n').filter((line) => line.startsWith(`${file}|`) && /[|\s](--patch|--replace|--create|-P|-R|-C)(\s|$)/.test(line)).length;
};

try {
  const site = writeWrapperSite(work, instances);
  const cib = join(work, 'cib.xml');
  const args = (...extra) => [papplyBin, 'apply', site.manifest, '--modulepath', site.modulepath, '--facts', site.facts, '--node-name', 'node-1',
    '--cib-file', cib, '--tags', 'cs_primitive,cs_clone,cs_location,cs_colocation,cs_order,cs_property', '--detailed-exitcodes', ...extra];
  const run = (label, extra) => {
    rmSync(calls, { force: true });
    const before = existsSync(cib) ? epoch(cib) : undefined;
    const result = timed(process.execPath, args(...extra), { cwd: work, env });
    if (![0, 2].includes(result.status)) throw new Error(`${label} failed (${result.status}):\n${result.output.slice(-3000)}`);
    const summary = /Summary: (.*)/.exec(result.output)?.[1] ?? '';
    const patches = writesLogged(cib);
    if (process.env.PAPPLY_BENCH_DEBUG) console.log(readFileSync(calls, 'utf8'));
    const delta = before === undefined ? 'file created' : `epoch +${epoch(cib) - before}`;
    console.log(`  ${label.padEnd(22)} ${seconds(result.seconds).padStart(9)} wall, ${megabytes(result.rssMb).padStart(6)} peak RSS, CIB writes: ${patches} cibadmin write call(s), ${delta}  [${summary}]`);
    row('apply --cib-file', `${instances} instances: ${label}`, `${seconds(result.seconds)}, ${megabytes(result.rssMb)}`, '', `${patches} CIB write(s), ${delta}`);
  };
  console.log(`apply to a CIB file: ${instances}-instance wrapper site (cs_* part), 3-node CIB file`);
  if (runs.has('noop')) run('noop (empty CIB)', ['--noop']);
  if (runs.has('apply')) run('apply (empty CIB)', []);
  if (runs.has('second')) run('second run (converged)', []);
} finally {
  rmSync(work, { recursive: true, force: true });
}
