#!/usr/bin/env node
// papply vs Puppet 7 on generated sites of 500 / 2,000 / 8,000 openstack_extras wrapper instances
// (bench/site.js): whole-process wall time and peak RSS of `papply compile`, Puppet's own
// "Compiled catalog ... in N seconds" and its whole `puppet apply --noop`, with the ratios, and how
// papply's time grows with the size. Puppet gets ensurable stub cs_* types (generated from
// spec/conformance/puppet-stubs, with a provider that manages nothing) and the stub `pacemaker`
// service provider of bench/puppet-stubs, so its noop run goes to the end; a Puppet run longer
// than PAPPLY_BENCH_PUPPET_TIMEOUT seconds (default 600) is reported as skipped.
// The machine's load average is printed with each size (the figures mean little without it).
// Run after `npm run build`:
//   node bench/compile-vs-puppet.js [sizes, comma separated] [--runs N] [--papply-only]
// --runs N compiles each site N times with papply and reports the median time and the highest
// peak RSS (for a shared machine); --papply-only leaves Puppet out.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { megabytes, row, seconds, timed } from './harness.js';
import { papplyBin, root, writeWrapperSite } from './site.js';

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 1;
const papplyOnly = args.includes('--papply-only');
const sizeArg = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs');
const sizes = (sizeArg ?? '500,2000,8000').split(',').map(Number);
const puppetTimeout = Number(process.env.PAPPLY_BENCH_PUPPET_TIMEOUT ?? 600);
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench/compile-vs-puppet.js: run `npm run build` first (dist/ is missing)');
  process.exit(1);
}

/** Puppet's libdir: the conformance stubs made ensurable, each with a provider that does nothing. */
function puppetLibdir(work) {
  const lib = join(work, 'puppet-lib');
  const typeDir = join(lib, 'puppet', 'type');
  mkdirSync(typeDir, { recursive: true });
  const stubs = join(root, 'spec', 'conformance', 'puppet-stubs', 'lib', 'puppet', 'type');
  for (const file of readdirSync(stubs)) {
    const type = basename(file, '.rb');
    const text = readFileSync(join(stubs, file), 'utf8').replace('  newparam(:ensure)\n', '  ensurable do\n    defaultvalues\n    defaultto :present\n  end\n');
    const provider = text.includes('ensurable')
      ? `\nPuppet::Type.type(:${type}).provide(:stub) do\n  def exists?\n    false\n  end\n\n  def create; end\n\n  def destroy; end\nend\n`
      : '';
    writeFileSync(join(typeDir, file), text + provider);
  }
  cpSync(join(root, 'bench', 'puppet-stubs', 'lib'), lib, { recursive: true });
  return lib;
}

function puppetAvailable() {
  try {
    execFileSync('puppet', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const work = mkdtempSync(join(tmpdir(), 'papply-bench-vs-puppet-'));
const withPuppet = !papplyOnly && puppetAvailable();
const libdir = withPuppet ? puppetLibdir(work) : undefined;
const results = [];
try {
  for (const size of sizes) {
    const dir = join(work, String(size));
    const site = writeWrapperSite(dir, size);
    const catalogFile = join(dir, 'catalog.json');
    const load = loadavg().map((value) => value.toFixed(2)).join(' ');
    const ours = papplyCompile(site, catalogFile, dir);
    const resources = JSON.parse(readFileSync(catalogFile, 'utf8')).resources.length;
    rmSync(catalogFile);
    const result = { size, resources, ours, load };
    if (withPuppet) {
      // The same facts as papply's, served by Puppet's json facts terminus (no Facter run).
      const factsDir = join(dir, 'puppet-var', 'client_data', 'facts');
      mkdirSync(factsDir, { recursive: true });
      writeFileSync(join(factsDir, 'node-1.example.com.json'), JSON.stringify({ name: 'node-1.example.com', values: JSON.parse(readFileSync(site.facts, 'utf8')) }));
      const theirs = timed('puppet', [
        'apply', '--noop', '--color', 'false', '--vardir', join(dir, 'puppet-var'), '--confdir', join(dir, 'puppet-conf'),
        '--codedir', join(dir, 'puppet-code'), '--libdir', libdir, '--certname', 'node-1.example.com', '--facts_terminus', 'json',
        '--modulepath', site.modulepath, site.manifest,
      ], { cwd: dir, timeoutSeconds: puppetTimeout, env: { ...process.env, HOME: dir } });
      const compiled = /Compiled catalog for \S+ in environment \S+ in ([\d.]+) seconds/.exec(theirs.output);
      if (!theirs.timedOut && !compiled) throw new Error(`puppet did not compile:\n${theirs.output.slice(-3000)}`);
      const errors = (theirs.output.match(/^Error: (?!Facter).*/gm) ?? []).length;
      result.theirs = { ...theirs, compile: compiled ? Number(compiled[1]) : undefined, errors };
    }
    results.push(result);
    report(result);
  }
  // Step by step (a super-linear step shows at once), then first to last.
  const steps = results.slice(1).map((last, i) => [results[i], last]);
  if (steps.length > 1) steps.push([results[0], results[results.length - 1]]);
  for (const [first, last] of steps) {
    const growth = (last.ours.seconds / first.ours.seconds) / (last.size / first.size);
    console.log(`papply growth ${first.size} -> ${last.size} instances: time x${(last.ours.seconds / first.ours.seconds).toFixed(1)} for size x${(last.size / first.size).toFixed(0)} (1.0 = linear: ${growth.toFixed(2)})`);
    row('compile', `growth ${first.size}->${last.size}`, `x${(last.ours.seconds / first.ours.seconds).toFixed(1)} time for x${last.size / first.size} size`, '', `${growth.toFixed(2)} of linear`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** `runs` papply compiles of the site: the median wall time and the highest peak RSS. */
function papplyCompile(site, catalogFile, dir) {
  const all = [];
  for (let run = 0; run < runs; run++) {
    const ours = timed(process.execPath, [papplyBin, 'compile', site.manifest, '--modulepath', site.modulepath, '--facts', site.facts, '--node-name', 'node-1.example.com', '--out', catalogFile], { cwd: dir });
    if (ours.status !== 0) throw new Error(`papply compile failed:\n${ours.output.slice(-3000)}`);
    all.push(ours);
  }
  const times = all.map((run) => run.seconds).sort((a, b) => a - b);
  return { seconds: times[Math.floor((times.length - 1) / 2)], rssMb: Math.max(...all.map((run) => run.rssMb)), times };
}

function report({ size, resources, ours, theirs, load }) {
  const each = ours.times.length > 1 ? ` (median of ${ours.times.map(seconds).join(', ')}; highest RSS)` : '';
  console.log(`site ${size} instances (${resources} resources), load average ${load}: papply compile ${seconds(ours.seconds)} wall, ${megabytes(ours.rssMb)} peak RSS${each}`);
  row('compile', `${size} instances (${resources} res.): papply compile vs Puppet's compile`, `${seconds(ours.seconds)}, ${megabytes(ours.rssMb)}`,
    theirs?.compile !== undefined ? seconds(theirs.compile) : theirs ? `skipped (> ${puppetTimeout} s)` : 'puppet not installed',
    theirs?.compile !== undefined ? `${(theirs.compile / ours.seconds).toFixed(1)}x faster (papply whole process)` : '');
  if (!theirs) return;
  if (theirs.timedOut) {
    console.log(`  puppet 7: skipped (> ${puppetTimeout} s)`);
    return;
  }
  console.log(`  puppet 7: compile ${seconds(theirs.compile)} ("Compiled catalog ... in"), whole apply --noop ${seconds(theirs.seconds)} wall, ${megabytes(theirs.rssMb)} peak RSS${theirs.errors ? ` (${theirs.errors} errors)` : ''}`);
  console.log(`  ratio: papply's whole process is ${(theirs.compile / ours.seconds).toFixed(1)}x faster than Puppet's compile alone, ${(theirs.seconds / ours.seconds).toFixed(1)}x faster than its whole noop run; peak RSS Puppet/papply ${(theirs.rssMb / ours.rssMb).toFixed(1)}`);
  row('compile', `${size} instances: papply compile vs whole puppet apply --noop`, `${seconds(ours.seconds)}, ${megabytes(ours.rssMb)}`,
    `${seconds(theirs.seconds)}, ${megabytes(theirs.rssMb)}`, `${(theirs.seconds / ours.seconds).toFixed(1)}x time, ${(theirs.rssMb / ours.rssMb).toFixed(1)}x RSS`);
}
