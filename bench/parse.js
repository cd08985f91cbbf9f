#!/usr/bin/env node
// Parse throughput of the Puppet grammar on a generated manifest of about 10,000 lines in the
// style of real modules. Run after `npm run build`: node bench/parse.js [lines]
import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseManifest } from '../dist/compiler/parser.js';
import { row } from './harness.js';

/** One block of ~50 lines exercising the common constructs, numbered so that names differ. */
function block(i) {
  return `# block ${i}
class bench::service${i} (
  String $package_name          = 'pkg${i}',
  Optional[Integer[1]] $workers = undef,
  Hash[String, String] $options = { 'a' => 'b', 'c' => "d-\${i}" },
  $enabled                      = true,
) inherits bench::params {
  $real_workers = pick($workers, $::processorcount, 2)
  $service_ensure = $enabled ? {
    true    => 'running',
    default => 'stopped',
  }
  package { $package_name:
    ensure => present,
    tag    => ['openstack', "bench-${i}"],
  }
  file { "/etc/bench${i}/bench.conf":
    ensure  => file,
    mode    => '0640',
    content => template('bench/bench.conf.erb'),
    require => Package[$package_name],
    notify  => Service["bench${i}"],
  }
  if $::osfamily == 'RedHat' and versioncmp($::operatingsystemmajrelease, '7') >= 0 {
    $provider = 'systemd'
  } elsif $::osfamily =~ /^(Debian|Ubuntu)$/ {
    $provider = 'debian'
  } else {
    fail("unsupported \${::osfamily}")
  }
  $options.each |String $key, String $value| {
    bench_config { "DEFAULT/\${key}": value => $value }
  }
  case $::operatingsystem {
    'CentOS', 'RedHat': { $extra = [1, 2, 3] }
    default: { $extra = [] }
  }
  service { "bench${i}":
    ensure    => $service_ensure,
    enable    => $enabled,
    hasstatus => true,
    provider  => $provider,
  }
  Service<| title == "bench${i}" |> { provider => 'pacemaker' }
  Package<| tag == 'openstack' |> -> Service<| tag == 'openstack' |>
  $total = $real_workers * 2 + size($extra) - 1
  notice("workers: \${total}")
  include bench::common
}
`;
}

const targetLines = Number(process.argv[2] ?? 10_000);
let text = '';
for (let i = 0; text.split('\n').length < targetLines; i++) text += block(i);
const lines = text.split('\n').length;
const megabytes = Buffer.byteLength(text) / 1e6;

// Warm up the JIT the way a long compile would, then time several runs.
for (let i = 0; i < 3; i++) parseManifest(text, 'bench.pp');
// Wall time suffers when other processes share the CPU; CPU time is reported next to it.
const runs = 10;
const times = [];
const cpuTimes = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  parseManifest(text, 'bench.pp');
  const cpu = process.cpuUsage(cpuStart);
  times.push(performance.now() - start);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
console.log(`parse: ${lines} lines, ${megabytes.toFixed(2)} MB (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
console.log(`  median ${median.toFixed(1)} ms wall (best ${times[0].toFixed(1)} ms, worst ${times[runs - 1].toFixed(1)} ms), median ${cpuTimes[Math.floor(runs / 2)].toFixed(1)} ms CPU`);
console.log(`  ${Math.round(lines / (median / 1000)).toLocaleString('en')} lines/s, ${(megabytes / (median / 1000)).toFixed(2)} MB/s`);
const cpuMedian = cpuTimes[Math.floor(runs / 2)];
row('parse', `${lines} lines (${megabytes.toFixed(2)} MB), median of ${runs}`, `${median.toFixed(1)} ms wall (${cpuTimes[Math.floor(runs / 2)].toFixed(1)} ms CPU), ${Math.round(lines / (median / 1000)).toLocaleString('en')} lines/s, ${(megabytes / (median / 1000)).toFixed(2)} MB/s`, '', 'target: 10,000 lines < 100 ms');
const scale = 10_000 / lines;
let verdict = 'NOT met';
if (median * scale < 100) verdict = 'met';
else if (cpuMedian * scale < 100) verdict = 'met in CPU time (wall time inflated by load)';
else if (loadavg()[0] > cpus().length && times[0] * scale < 100) verdict = `met by the best run only (load average above ${cpus().length} inflates the median)`;
console.log(`  target: 10,000 lines in under 100 ms -> ${verdict}`);
