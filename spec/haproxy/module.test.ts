// The haproxy module's sections and members as files (no daemon): what each define writes, a
// frontend naming a backend of a later file on the first run, checks of the main file, and the
// purge preview in noop. Every written configuration is also checked with the real haproxy -c.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { runApply, type ApplyCliOptions } from '../../src/cli/apply.js';
import '../../src/providers/all.js';

const MODULES = resolve(__dirname, '../../modules');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-haproxy-module-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function apply(body: string, options: ApplyCliOptions = {}, globalOptions = "{ 'maxconn' => '100' }"): Promise<{ code: number; output: string }> {
  const file = join(dir, `site-${Math.random().toString(36).slice(2)}.pp`);
  await writeFile(
    file,
    `class { 'haproxy':
       config_file    => '${dir}/haproxy.cfg',
       config_dir     => '${dir}/conf.d',
       manage_service => false,
       global_options => ${globalOptions},
     }
     ${body}`,
  );
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await runApply(file, { modulepath: MODULES, detailedExitcodes: true, ...options }, { stdout: out, stderr: out });
  return { code, output };
}

const haproxyAccepts = () => execFileSync('haproxy', ['-c', '-f', join(dir, 'haproxy.cfg'), '-f', join(dir, 'conf.d')]).toString();
const section = (name: string) => readFile(join(dir, 'conf.d', name), 'utf8');

describe.skipIf(!existsSync('/usr/sbin/haproxy'))('haproxy module files', () => {
  it('frontend + backend with members: bind hash, sorted options, cookies, several ports; the frontend may name a later backend', async () => {
    const site = `
      haproxy::frontend { 'www':
        bind    => { '127.0.0.1:18080' => ['name', 'plain'], '127.0.0.1:18081' => [] },
        mode    => 'http',
        options => { 'option' => ['httplog', 'forwardfor'], 'default_backend' => 'www-pool' },
      }
      haproxy::backend { 'www-pool':
        mode    => 'http',
        options => [{ 'balance' => 'source' }, { 'option' => 'httpchk GET /' }, { 'cookie' => 'SRV insert' }],
      }
      haproxy::balancermember { 'www-a':
        listening_service => 'www-pool',
        server_names      => ['a', 'b'],
        ipaddresses       => ['127.0.0.2', '127.0.0.3'],
        ports             => '8080,8081',
        options           => ['check', 'inter 1s'],
        define_cookies    => true,
        weight            => 5,
      }
    `;
    const first = await apply(site);
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect((await readdir(join(dir, 'conf.d'))).sort()).toEqual(['15-www.cfg', '25-www-pool.cfg']);
    expect(await section('15-www.cfg')).toBe(
      'frontend www\n    bind 127.0.0.1:18080 name plain\n    bind 127.0.0.1:18081\n    mode http\n    default_backend www-pool\n    option httplog\n    option forwardfor\n',
    );
    expect(await section('25-www-pool.cfg')).toBe(
      'backend www-pool\n    mode http\n    balance source\n    option httpchk GET /\n    cookie SRV insert\n' +
        '    server a_8080 127.0.0.2:8080 cookie a weight 5 check inter 1s\n    server a_8081 127.0.0.2:8081 cookie a weight 5 check inter 1s\n' +
        '    server b_8080 127.0.0.3:8080 cookie b weight 5 check inter 1s\n    server b_8081 127.0.0.3:8081 cookie b weight 5 check inter 1s\n',
    );
    expect(haproxyAccepts()).toMatch(/valid/);
    expect((await apply(site)).code).toBe(0);
  });

  it('a broken main file is refused with HAProxy\'s message and the sections are not written', async () => {
    const { code, output } = await apply("haproxy::listen { 'l': ports => '18090', ipaddress => '127.0.0.1' }", {}, "{ 'no-such-global-keyword' => 'x' }");
    expect(code & 4).toBe(4);
    expect(output).toMatch(/Haproxy_fragment\[.*haproxy\.cfg\].*HAProxy rejects .*haproxy\.cfg: \[ALERT\].*haproxy\.cfg:\d+\].*no-such-global-keyword/);
    expect(output).toMatch(/Haproxy_fragment\[l\].*Skipping because of failed dependencies/);
    expect(existsSync(join(dir, 'haproxy.cfg'))).toBe(false);
    expect(await readdir(join(dir, 'conf.d'))).toEqual([]);
  });

  it('removing a backend a frontend still names is refused; noop previews the purge of a stray file', async () => {
    const frontend = "haproxy::frontend { 'f': bind => { '127.0.0.1:18095' => [] }, options => { 'default_backend' => 'b' } }";
    const backend = "haproxy::backend { 'b': options => { 'balance' => 'roundrobin' } }";
    expect((await apply(`${frontend}\n${backend}`)).code).toBe(2);
    await writeFile(join(dir, 'conf.d/50-stray.cfg'), 'backend stray\n');
    const preview = await apply(`${frontend}\n${backend}`, { noop: true });
    expect(preview.output).toMatch(/Haproxy_conf_dir\[.*conf\.d\]\/unmanaged: current_value \['50-stray\.cfg'\], should be \[\] \(noop\)/);
    expect(existsSync(join(dir, 'conf.d/50-stray.cfg'))).toBe(true);

    const absentBackend = `haproxy_fragment { 'b': ensure => absent, path => '${dir}/conf.d/25-b.cfg', config_file => '${dir}/haproxy.cfg' }`;
    const dropped = await apply(`${frontend}\n${absentBackend}`);
    expect(dropped.code & 4).toBe(4);
    expect(dropped.output).toMatch(/Haproxy_fragment\[b\].*HAProxy rejects .*25-b\.cfg: .*unable to find required default_backend: 'b'/);
    expect(existsSync(join(dir, 'conf.d/25-b.cfg'))).toBe(true);
  });
});
