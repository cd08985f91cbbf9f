// The haproxy module with a real HAProxy on loopback: papply writes the main file and one file per
// section into a temporary directory, starts HAProxy through an init-style script (master-worker
// mode, reload = SIGUSR2 to the master), and a request through the listen port reaches a small
// HTTP server of the test. A broken option never reaches the live configuration; a dropped
// section is purged; a changed section reloads HAProxy (new listeners answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { runApply, type ApplyCliOptions } from '../../src/cli/apply.js';
import '../../src/providers/all.js';

const HAPROXY = '/usr/sbin/haproxy';
const MODULES = resolve(__dirname, '../../modules');

function skipReason(): string | undefined {
  if (!existsSync(HAPROXY)) return `${HAPROXY} is not installed`;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** GET through HAProxy: the body, or the error code (retried for a short while: reloads take a moment). */
async function fetchBody(port: number, wantOk = true): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    last = await new Promise<string>((done) => {
      const request = get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => done(response.statusCode === 200 ? body : `HTTP ${response.statusCode}`));
      });
      request.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      request.on('timeout', () => request.destroy(new Error('timeout')));
    });
    if (wantOk === !/^(HTTP |E[A-Z]+|timeout)/.test(last)) return last;
    await new Promise((done) => setTimeout(done, 200));
  }
  return last;
}

describe.skipIf(skipReason())('haproxy module with a real HAProxy on 127.0.0.1', () => {
  let dir: string;
  let backend: Server;
  let backendPort: number;
  let listenPort: number;
  let extraPort: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'papply-haproxy-'));
    backend = createServer((request, response) => {
      response.end(request.url === '/health' ? 'ok' : 'hello from the backend');
    });
    await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
    backendPort = (backend.address() as AddressInfo).port;
    listenPort = await freePort();
    extraPort = await freePort();
    // An init-style script for the service resource: HAProxy in master-worker mode, reloaded by SIGUSR2.
    const script = join(dir, 'haproxy');
    await writeFile(
      script,
      `#!/bin/sh
PID=${dir}/haproxy.pid
case "$1" in
  start) exec ${HAPROXY} -W -D -p "$PID" -f ${dir}/haproxy.cfg -f ${dir}/conf.d >>${dir}/haproxy.log 2>&1 ;;
  stop) kill "$(cat "$PID")" ;;
  status) [ -s "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null ;;
  reload) echo reload >>${dir}/reloads && kill -USR2 "$(cat "$PID")" ;;
  *) exit 3 ;;
esac
`,
    );
    await chmod(script, 0o755);
  });

  afterAll(async () => {
    const pid = await readFile(join(dir, 'haproxy.pid'), 'utf8').catch(() => '');
    if (pid.trim()) {
      try {
        process.kill(Number(pid.trim()), 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((done) => backend?.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  function manifest(webOptions: string, extraSection = ''): string {
    return `
      class { 'haproxy':
        config_file        => '${dir}/haproxy.cfg',
        config_dir         => '${dir}/conf.d',
        global_options     => { 'maxconn' => '256' },
        defaults_options   => { 'mode' => 'http', 'timeout' => ['connect 2s', 'client 10s', 'server 10s', 'check 2s'] },
        service_provider   => 'init',
        restart_command    => '${dir}/haproxy reload',
        service_parameters => { 'path' => ['${dir}'] },
      }
      haproxy::listen { 'web':
        ipaddress => '127.0.0.1',
        ports     => '${listenPort}',
        mode      => 'http',
        options   => ${webOptions},
      }
      haproxy::balancermember { 'web-a':
        listening_service => 'web',
        server_names      => 'a',
        ipaddresses       => '127.0.0.1',
        ports             => '${backendPort}',
        options           => 'check inter 1s',
      }
      ${extraSection}
    `;
  }
  const goodOptions = "[{ 'balance' => 'source' }, { 'option' => ['httpchk GET /health'] }]";
  const extraListen = () => `
      haproxy::listen { 'extra':
        bind    => { '127.0.0.1:${extraPort}' => [] },
        mode    => 'http',
        options => { 'balance' => 'roundrobin' },
      }
      haproxy::balancermember { 'extra-a': listening_service => 'extra', server_names => 'a', ipaddresses => '127.0.0.1', ports => '${backendPort}' }
  `;

  async function apply(code: string, options: ApplyCliOptions = {}): Promise<{ code: number; output: string }> {
    const file = join(dir, `site-${Math.random().toString(36).slice(2)}.pp`);
    await writeFile(file, code);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = await runApply(file, { modulepath: MODULES, detailedExitcodes: true, ...options }, { stdout: out, stderr: out });
    return { code: exit, output };
  }

  const reloads = async () => (await readFile(join(dir, 'reloads'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  const sectionFiles = async () => (await readdir(join(dir, 'conf.d'))).sort();

  it('writes the main file and one file per section, starts HAProxy, and a request reaches the backend', async () => {
    const first = await apply(manifest(goodOptions));
    expect(first.output).not.toMatch(/Error/);
    expect(first.code).toBe(2);
    expect(await sectionFiles()).toEqual(['20-web.cfg']);
    const web = await readFile(join(dir, 'conf.d/20-web.cfg'), 'utf8');
    expect(web).toBe(
      `listen web\n    bind 127.0.0.1:${listenPort}\n    mode http\n    balance source\n    option httpchk GET /health\n    server a 127.0.0.1:${backendPort} check inter 1s\n`,
    );
    expect(await readFile(join(dir, 'haproxy.cfg'), 'utf8')).toMatch(/^global\n {4}maxconn 256\n\ndefaults\n {4}mode http\n/m);
    // What papply wrote is a configuration HAProxy itself accepts.
    expect(execFileSync(HAPROXY, ['-c', '-f', join(dir, 'haproxy.cfg'), '-f', join(dir, 'conf.d')]).toString()).toMatch(/valid/);
    expect(await fetchBody(listenPort)).toBe('hello from the backend');

    const second = await apply(manifest(goodOptions));
    expect(second.code).toBe(0);
  });

  it('a broken option fails its section with HAProxy\'s message; the live file and HAProxy stay as they were', async () => {
    const before = await readFile(join(dir, 'conf.d/20-web.cfg'), 'utf8');
    const reloadsBefore = await reloads();
    const { code, output } = await apply(manifest("{ 'balance' => 'no-such-algorithm' }"));
    expect(code & 4).toBe(4);
    expect(output).toMatch(/Haproxy_fragment\[web\].*HAProxy rejects .*20-web\.cfg: \[ALERT\].*20-web\.cfg:4\] : balance only supports/);
    expect(output).toMatch(/Service\[haproxy\].*Skipping because of failed dependencies/);
    expect(await readFile(join(dir, 'conf.d/20-web.cfg'), 'utf8')).toBe(before);
    expect(await sectionFiles()).toEqual(['20-web.cfg']);
    expect(await reloads()).toBe(reloadsBefore);
    expect(await fetchBody(listenPort)).toBe('hello from the backend');
  });

  it('--noop shows a new section without writing it', async () => {
    const { code, output } = await apply(manifest(goodOptions, extraListen()), { noop: true });
    expect(code).toBe(0);
    expect(output).toMatch(/Haproxy_fragment\[extra\]\/ensure: current_value '?absent'?, should be '?present'? \(noop\)/);
    expect(await sectionFiles()).toEqual(['20-web.cfg']);
  });

  it('a new section is written and reloads HAProxy, which then answers on the new port', async () => {
    const reloadsBefore = await reloads();
    const { code, output } = await apply(manifest(goodOptions, extraListen()));
    expect(output).not.toMatch(/Error/);
    expect(code).toBe(2);
    expect(await sectionFiles()).toEqual(['20-extra.cfg', '20-web.cfg']);
    expect(await reloads()).toBe(reloadsBefore + 1);
    expect(await fetchBody(extraPort)).toBe('hello from the backend');
    expect(await fetchBody(listenPort)).toBe('hello from the backend');
  });

  it('purges a dropped section and files no section manages, and reloads: the dropped port stops answering', async () => {
    await writeFile(join(dir, 'conf.d/99-stray.cfg'), 'backend stray\n');
    const reloadsBefore = await reloads();
    const { code, output } = await apply(manifest(goodOptions));
    expect(output).not.toMatch(/Error/);
    expect(code).toBe(2);
    expect(output).toMatch(/Haproxy_conf_dir\[.*conf\.d\]\/unmanaged: purged unmanaged 20-extra\.cfg, 99-stray\.cfg/);
    expect(await sectionFiles()).toEqual(['20-web.cfg']);
    expect(await reloads()).toBe(reloadsBefore + 1);
    expect(await fetchBody(extraPort, false)).toMatch(/ECONNREFUSED|ECONNRESET/);
    expect(await fetchBody(listenPort)).toBe('hello from the backend');
    expect((await apply(manifest(goodOptions))).code).toBe(0);
  });
});
