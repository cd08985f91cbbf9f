// `papply apply MANIFEST` end to end: compile with papply's compiler, apply files and execs in a
// temporary directory; a manifest that does not compile applies nothing and exits 1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runApply, type ApplyCliOptions } from '../../src/cli/apply.js';
import { Capture } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-manifest-'));
});

async function papply(manifestText: string, options: ApplyCliOptions = {}) {
  const manifest = join(dir, 'site.pp');
  writeFileSync(manifest, manifestText);
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runApply(manifest, { detailedExitcodes: true, ...options }, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('papply apply MANIFEST', () => {
  it('compiles and applies files and execs, then a second run changes nothing', async () => {
    mkdirSync(join(dir, 'modules/motd/files'), { recursive: true });
    mkdirSync(join(dir, 'modules/motd/manifests'), { recursive: true });
    writeFileSync(join(dir, 'modules/motd/files/banner'), 'Welcome\n');
    writeFileSync(
      join(dir, 'modules/motd/manifests/init.pp'),
      `class motd($target) {\n  file { $target: source => 'puppet:///modules/motd/banner', mode => '0644' }\n}\n`,
    );
    const manifest = `
      $root = '${dir}/out'
      file { $root: ensure => directory }
      class { 'motd': target => "\${root}/motd" }
      file { "\${root}/app.conf": content => "answer = \${21 * 2}\\n" }
      ~> exec { 'reload app': command => "/bin/sh -c 'echo reloaded >> \${root}/reloads'", refreshonly => true }
      Class['motd'] -> Exec['reload app']
    `;
    const first = await papply(manifest, { modulepath: join(dir, 'modules') });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/^Notice: Compiled catalog for \S+ in environment production in \d+\.\d\d seconds$/m);
    expect(first.stdout).toContain(`Notice: /Stage[main]/Motd/File[${dir}/out/motd]/ensure: defined content as '{sha256}`);
    expect(readFileSync(join(dir, 'out/motd'), 'utf8')).toBe('Welcome\n');
    expect(readFileSync(join(dir, 'out/app.conf'), 'utf8')).toBe('answer = 42\n');
    expect(readFileSync(join(dir, 'out/reloads'), 'utf8')).toBe('reloaded\n');
    const second = await papply(manifest, { modulepath: join(dir, 'modules') });
    expect(second.code).toBe(0);
  });

  it('a manifest that does not compile exits 1 with file:line:col and applies nothing', async () => {
    const result = await papply(`file { '${dir}/never': content => 'x' }\nfile { '${dir}/broken': content => }\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: ${join(dir, 'site.pp')}:2:`);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('an evaluation error (unknown class) also applies nothing', async () => {
    const result = await papply(`file { '${dir}/never': content => 'x' }\ninclude no_such_class\n`);
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('stages, defines and class relationships order and refresh as in Puppet', async () => {
    const manifest = `
      stage { 'first': before => Stage['main'] }
      class setup { exec { 'setup': command => "/bin/sh -c 'echo setup >> ${dir}/order'" } }
      class { 'setup': stage => 'first' }
      define app::instance($port) {
        file { "${dir}/\${title}.conf": content => "port=\${port}\n" }
      }
      app::instance { 'web': port => 80 }
      exec { 'main': command => "/bin/sh -c 'echo main >> ${dir}/order'" }
      exec { 'restart web': command => "/bin/sh -c 'echo restarted >> ${dir}/order'", refreshonly => true, subscribe => App::Instance['web'] }
    `;
    const result = await papply(manifest);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(readFileSync(join(dir, 'order'), 'utf8')).toBe('setup\nmain\nrestarted\n');
    expect(result.stdout).toContain(`Notice: /Stage[main]/Main/App::Instance[web]/File[${dir}/web.conf]/ensure: defined content as`);
    expect(result.stdout).toContain(`Notice: /Stage[first]/Setup/Exec[setup]/returns: executed successfully`);
  });

  it('--facts overrides gathered facts; -e applies code given on the command line', async () => {
    writeFileSync(join(dir, 'facts.yaml'), 'role: loadbalancer\nos:\n  family: Debian\n');
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runApply(
      undefined,
      { execute: `file { '${dir}/role': content => "\${facts['role']} on \${facts['os']['family']} \${facts['kernel']}" }`, facts: join(dir, 'facts.yaml'), detailedExitcodes: true },
      { stdout, stderr },
    );
    expect(stderr.text).toBe('');
    expect(code).toBe(2);
    expect(readFileSync(join(dir, 'role'), 'utf8')).toBe('loadbalancer on Debian Linux');
  });
});

describe('papply apply without --hiera-config', () => {
  it('uses ./hiera.yaml of the working directory, as puppet apply does', async () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'hiera.yaml'), 'version: 5\nhierarchy:\n  - name: common\n    path: common.yaml\n');
    writeFileSync(join(dir, 'data/common.yaml'), "motd_text: 'from hiera'\n");
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const { code } = await papply(`file { '${dir}/motd': content => lookup('motd_text') }`);
      expect(code).toBe(2);
    } finally {
      process.chdir(previous);
    }
    expect(readFileSync(join(dir, 'motd'), 'utf8')).toBe('from hiera');
  });
});
