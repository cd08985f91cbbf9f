// `papply apply` end to end on catalogs compiled by real Puppet 7 (`--catalog FILE`): exit codes,
// idempotence, reports, noop, and a catalog that cannot be applied changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runApply } from '../../src/cli/apply.js';
import { main } from '../../src/cli.js';
import { Capture } from './helpers.js';

const hasPuppet = (() => {
  try {
    execFileSync('puppet', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** Compiles `manifest` with real Puppet (noop, nothing applied) and returns the catalog file. */
function puppetCatalog(dir: string, manifest: string): string {
  const vardir = join(dir, 'puppet-var');
  writeFileSync(join(dir, 'site.pp'), manifest);
  execFileSync('puppet', ['apply', '--noop', '--vardir', vardir, '--catalog_cache_terminus', 'json', '--certname', 'papply-spec', join(dir, 'site.pp')], {
    stdio: 'ignore',
  });
  const catalogDir = join(vardir, 'client_data', 'catalog');
  return join(catalogDir, readdirSync(catalogDir).find((name) => name.endsWith('.json'))!);
}

async function run(args: { catalog: string; [option: string]: unknown }) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runApply(undefined, args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe.skipIf(!hasPuppet)('papply apply --catalog (catalogs compiled by Puppet 7)', () => {
  let dir: string;
  let catalog: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'papply-cli-'));
    catalog = puppetCatalog(
      dir,
      `
      class app {
        file { '${dir}/app': ensure => directory }
        file { '${dir}/app/config': content => "port = 8080\\n", mode => '0640', notify => Exec['reload'] }
      }
      include app
      exec { 'reload': command => "/bin/sh -c 'echo reloaded >> ${dir}/reloads'", refreshonly => true }
      exec { 'once': command => "/usr/bin/touch ${dir}/once", creates => "${dir}/once", require => Class['app'] }
      `,
    );
  }, 60_000);

  it('applies, exits 2 with --detailed-exitcodes, then 0 on a second run, and writes a report', async () => {
    const first = await run({ catalog, detailedExitcodes: true, report: join(dir, 'report.json') });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(readFileSync(join(dir, 'app/config'), 'utf8')).toBe('port = 8080\n');
    expect(readFileSync(join(dir, 'reloads'), 'utf8')).toBe('reloaded\n');
    expect(first.stdout).toContain(`Notice: /Stage[main]/App/File[${dir}/app]/ensure: created`);
    expect(first.stdout).toContain("Notice: /Stage[main]/Main/Exec[reload]: Triggered 'refresh' from 1 event");
    expect(first.stdout).toMatch(/Notice: Applied catalog in \d+\.\d\d seconds/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.status).toBe('changed');
    expect(report.resource_statuses[`File[${dir}/app/config]`].events[0].message).toMatch(/^defined content as/);

    const second = await run({ catalog, detailedExitcodes: true });
    expect(second.code).toBe(0);
    expect(readFileSync(join(dir, 'reloads'), 'utf8')).toBe('reloaded\n');
  });

  it('is the default command: `papply --catalog FILE --noop` changes nothing', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'papply-cli-noop-'));
    const noopCatalog = puppetCatalog(fresh, `file { '${fresh}/never': content => 'x' }`);
    const code = await main(['node', 'papply', '--catalog', noopCatalog, '--noop', '--detailed-exitcodes']);
    expect(code).toBe(0);
    expect(existsSync(join(fresh, 'never'))).toBe(false);
  });

  it('exits 4 on failures (6 with changes), 0 without --detailed-exitcodes', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'papply-cli-fail-'));
    const failing = puppetCatalog(fresh, `exec { '/bin/false': } -> file { '${fresh}/skipped': content => 'x' }\nfile { '${fresh}/done': content => 'y' }`);
    const detailed = await run({ catalog: failing, detailedExitcodes: true });
    expect(detailed.code).toBe(6);
    expect(detailed.stderr).toContain('Skipping because of failed dependencies');
    expect(existsSync(join(fresh, 'skipped'))).toBe(false);
    expect(existsSync(join(fresh, 'done'))).toBe(true);
    const again = await run({ catalog: failing, detailedExitcodes: true });
    expect(again.code).toBe(4);
    expect((await run({ catalog: failing })).code).toBe(0);
  });

  it('a catalog that cannot be applied (cycle) exits 1 and changes nothing', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'papply-cli-cycle-'));
    const good = JSON.parse(readFileSync(puppetCatalog(fresh, `file { '${fresh}/a': content => 'a' }\nfile { '${fresh}/b': content => 'b' }`), 'utf8'));
    for (const resource of good.resources) {
      if (resource.title === `${fresh}/a`) resource.parameters = { ...resource.parameters, require: `File[${fresh}/b]` };
      if (resource.title === `${fresh}/b`) resource.parameters = { ...resource.parameters, require: `File[${fresh}/a]` };
    }
    writeFileSync(join(fresh, 'cycle.json'), JSON.stringify(good));
    const result = await run({ catalog: join(fresh, 'cycle.json'), detailedExitcodes: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: Found 1 dependency cycle:');
    expect(existsSync(join(fresh, 'a'))).toBe(false);
    expect(existsSync(join(fresh, 'b'))).toBe(false);
  });
});
