// Secrets stay out of what papply prints: values of Sensitive parameters and of parameters named
// like secrets (src/engine/redact.ts lists the names) are redacted in log lines (notice, info,
// debug — including the CIB patch shown with --debug), in the --report JSON and in noop diffs
// (cs_primitive parameter changes, file content with --show-diff), while the real value still
// reaches the CIB / the file.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';
import { isSecretName, redactText } from '../../src/engine/redact.js';

const SECRETS = ['hunter2-db-pw', 'tok-ABC-123', 'sensitive-nic-value', 'sensitive-file-body', 'rotated-pw-456', 'notify-secret', 'nested-cib-secret', 'nested-notify-secret'];

describe('secret redaction', () => {
  let dir: string;
  let cib: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'papply-secrets-'));
    cib = join(dir, 'cib.xml');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function apply(manifest: string, options: Record<string, unknown> = {}): Promise<{ code: number; output: string; report: string }> {
    const file = join(dir, `site-${Math.random().toString(36).slice(2)}.pp`);
    const report = join(dir, 'report.json');
    await writeFile(file, manifest);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await runApply(file, { debug: true, detailedExitcodes: true, showDiff: true, report, cibFile: cib, nodeName: 'node-1', ...options }, { stdout: out, stderr: out });
    return { code, output, report: await readFile(report, 'utf8') };
  }

  const site = (password: string) => `
    cs_primitive { 'p_db':
      primitive_class => 'ocf', provided_by => 'heartbeat', primitive_type => 'mysql',
      parameters => { 'binary' => '/usr/bin/mysqld_safe', 'replication_passwd' => '${password}', 'test_passwd' => 'tok-ABC-123' },
    }
    cs_primitive { 'p_sens':
      primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy',
      parameters => Sensitive({ 'fake' => 'sensitive-nic-value' }),
    }
    file { '${dir}/secret.conf': content => Sensitive("sensitive-file-body ${password}\\n") }
    notify { 'shown': message => Sensitive('notify-secret') }
    # Sensitive values nested in hashes keep their marking through the catalog (rich data).
    cs_primitive { 'p_nested':
      primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy',
      parameters => { 'state' => '/run/p_nested.state', 'fake' => Sensitive('nested-cib-secret') },
    }
    notify { 'nested': message => { 'users' => [{ 'name' => 'admin', 'hash' => Sensitive('nested-notify-secret') }] } }
  `;

  const expectNoSecret = (text: string, where: string) => {
    for (const secret of SECRETS) expect(text.includes(secret), `${where} shows ${secret}`).toBe(false);
  };

  it('knows the documented secret names and nothing else', () => {
    for (const name of ['password', 'db_password', 'PASSWD', 'passphrase', 'secret_key', 'client-secret', 'auth_token', 'credentials', 'db_pass', 'pw', 'key', 'api-key', 'apikey', 'private_key']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['ip', 'state', 'nic', 'keystone_url', 'monkey_business', 'passive', 'bypass_proxy', 'keepalive', 'primary_key_column']) {
      expect(isSecretName(name), name).toBe(false);
    }
    expect(redactText('a="x&amp;y" b=x&y', ['x&y'])).toBe('a="[redacted]" b=[redacted]');
  });

  it('noop: the patch preview, CIB notes, file diff and report show no secret', async () => {
    const { code, output, report } = await apply(site('hunter2-db-pw'), { noop: true });
    expect(code).toBe(0);
    expect(output).toContain('CIB patch (not sent, noop)');
    expect(output).toMatch(/CIB: \+ primitive p_db ocf:heartbeat:mysql .*replication_passwd=\[redacted\]/);
    expect(output).toMatch(/test_passwd=\[redacted\]/);
    expect(output).toMatch(/Notify\[shown\]/);
    expectNoSecret(output, 'noop output');
    expectNoSecret(report, 'noop report');
  });

  it('apply: the CIB and the file get the real values; output and report do not', async () => {
    const { code, output, report } = await apply(site('hunter2-db-pw'));
    expect(code).toBe(2);
    expect(output).toContain('Sensitive [value redacted]');
    expectNoSecret(output, 'apply output');
    expectNoSecret(report, 'apply report');
    const { stdout } = await execa('cibadmin', ['--query'], { env: { CIB_file: cib } });
    expect(stdout).toContain('name="replication_passwd" value="hunter2-db-pw"');
    expect(stdout).toContain('value="sensitive-nic-value"');
    expect(stdout).toMatch(/name="fake" value="nested-cib-secret"/);
    expect(stdout).toContain('value="/run/p_nested.state"');
    expect(await readFile(join(dir, 'secret.conf'), 'utf8')).toBe('sensitive-file-body hunter2-db-pw\n');
  });

  it('changing a password: noop and real diffs name the parameter, never the old or new value', async () => {
    const preview = await apply(site('rotated-pw-456'), { noop: true });
    expect(preview.code).toBe(0);
    expect(preview.output).toMatch(/replication_passwd: \[redacted\] -> \[redacted\]/);
    expectNoSecret(preview.output, 'noop change output');
    expectNoSecret(preview.report, 'noop change report');
    const changed = await apply(site('rotated-pw-456'));
    expect(changed.code).toBe(2);
    expectNoSecret(changed.output, 'change output');
    expectNoSecret(changed.report, 'change report');
    const { stdout } = await execa('cibadmin', ['--query'], { env: { CIB_file: cib } });
    expect(stdout).toContain('name="replication_passwd" value="rotated-pw-456"');
  });
});
