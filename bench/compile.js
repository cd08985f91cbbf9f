#!/usr/bin/env node
// Compile speed and memory on a generated site of wrapper-define instances in the field's style
// (package + config dir + config file + service handed to Pacemaker through a collector override
// + reload exec): 2,000 instances, about 12,000 resources. Prints papply's whole-process wall time
// and peak RSS next to Puppet 7's own "Compiled catalog ... in N seconds" (and its whole process)
// for the same input, measured in the same run.
// Run after `npm run build`: node bench/compile.js [instances]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const instances = Number(process.argv[2] ?? 2000);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const papply = join(root, 'bin', 'papply.js');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench/compile.js: run `npm run build` first (dist/ is missing)');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'papply-bench-compile-'));
const define = `define wrap::service (
  Integer $port,
  String $ensure = 'running',
  Hash $settings = {},
) {
  package { "pkg-\${title}": ensure => installed, tag => ['wrapped'] }
  file { "/etc/\${title}": ensure => directory, mode => '0755' }
  file { "/etc/\${title}/\${title}.conf":
    ensure  => file,
    content => "port=\${port}\\nname=\${title}\\nsettings=\${settings}\\n",
    require => Package["pkg-\${title}"],
  }
  service { $title:
    ensure    => $ensure,
    subscribe => File["/etc/\${title}/\${title}.conf"],
  }
  exec { "reload-\${title}": command => "/bin/true \${title}", refreshonly => true, subscribe => Service[$title] }
  Service <| title == $title |> { provider => 'pacemaker' }
}
`;
const site = [`class profile::base { package { ['vim', 'curl']: ensure => installed } }`, 'include profile::base'];
for (let i = 0; i < instances; i++) {
  site.push(`wrap::service { 'svc${i}': port => ${8000 + (i % 1000)}, settings => { 'workers' => ${i % 8}, 'debug' => ${i % 2 === 0} } }`);
}
mkdirSync(join(work, 'modules', 'wrap', 'manifests'), { recursive: true });
writeFileSync(join(work, 'modules', 'wrap', 'manifests', 'service.pp'), define);
writeFileSync(join(work, 'site.pp'), `${site.join('\n')}\n`);
writeFileSync(join(work, 'facts.json'), JSON.stringify({ hostname: 'bench', fqdn: 'bench.example.com', osfamily: 'Debian', os: { family: 'Debian' } }));

/** Runs a command under /usr/bin/time; returns wall seconds, peak RSS in MB and its output. */
function timed(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '__time__ %e %M', command, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const match = /__time__ ([\d.]+) (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`could not time ${command}: ${result.stderr}`);
  return { seconds: Number(match[1]), rssMb: Number(match[2]) / 1024, status: result.status, output: result.stdout + result.stderr };
}

const ours = timed(process.execPath, [papply, 'compile', 'site.pp', '--modulepath', 'modules', '--facts', 'facts.json', '--out', 'catalog.json']);
if (ours.status !== 0) throw new Error(`papply compile failed:\n${ours.output}`);
const resources = JSON.parse(readFileSync(join(work, 'catalog.json'), 'utf8')).resources.length;
console.log(`site: ${instances} wrapper instances, ${resources} resources in papply's catalog`);
console.log(`papply compile: ${ours.seconds.toFixed(2)} s wall (whole process), peak RSS ${ours.rssMb.toFixed(0)} MB`);

let puppetAvailable = true;
try {
  execFileSync('puppet', ['--version'], { stdio: 'ignore' });
} catch {
  puppetAvailable = false;
}
if (puppetAvailable) {
  // --tags matching nothing: Puppet compiles everything but applies nothing.
  const theirs = timed('puppet', [
    'apply', '--noop', '--tags', 'papply_bench_nothing', '--vardir', join(work, 'puppet-var'), '--codedir', join(work, 'puppet-code'),
    '--modulepath', join(work, 'modules'), 'site.pp',
  ]);
  const compiled = /Compiled catalog for \S+ in environment \S+ in ([\d.]+) seconds/.exec(theirs.output);
  if (!compiled) throw new Error(`puppet did not compile:\n${theirs.output.slice(-2000)}`);
  const puppetCompile = Number(compiled[1]);
  console.log(`puppet 7 compile: ${puppetCompile.toFixed(2)} s ("Compiled catalog ... in"), whole process ${theirs.seconds.toFixed(2)} s, peak RSS ${theirs.rssMb.toFixed(0)} MB`);
  console.log(`papply whole process vs Puppet's compile alone: ${(puppetCompile / ours.seconds).toFixed(1)}x faster (goal: 20x, under 200 MB)`);
} else {
  console.log('puppet 7 not installed: no comparison');
}
rmSync(work, { recursive: true, force: true });
