// papply apply with pacemaker services on a CIB file (no cluster): crm_simulate plays the
// cluster, so the demo works anywhere; a second run changes nothing; noop starts nothing.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runApply } from '../../../src/cli/apply.js';
import '../../../src/providers/all.js';
import { parseClusterStatus } from '../../../src/providers/pacemaker/lrm-status.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-svc-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const manifest = `
  cs_property { 'symmetric-cluster': value => 'false' }
  cs_primitive { 'p_api': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
  cs_primitive { 'p_proxy': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
  cs_clone { 'p_proxy-clone': primitive => 'p_proxy' }
  service { 'api': ensure => running, provider => pacemaker, require => Cs_primitive['p_api'] }
  service { 'proxy': ensure => running, provider => pacemaker, require => Cs_clone['p_proxy-clone'] }
`;

async function apply(extra: Record<string, unknown> = {}): Promise<{ code: number; output: string }> {
  const file = join(dir, 'site.pp');
  await writeFile(file, manifest);
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await runApply(file, { debug: true, detailedExitcodes: true, nodeName: 'node-2', cibFile: join(dir, 'cib.xml'), ...extra }, { stdout: out, stderr: out });
  return { code, output };
}

async function states(primitive: string): Promise<Record<string, string | undefined>> {
  const { stdout } = await execa('cibadmin', ['-Q', '-o', 'status'], { env: { CIB_file: join(dir, 'cib.xml') } });
  return Object.fromEntries(parseClusterStatus(stdout).nodes.map((n) => [n.name, n.resources.get(primitive)?.state]));
}

describe('pacemaker services on a CIB file', () => {
  it('starts a primitive and a clone for this node through crm_simulate, then is idempotent', async () => {
    const first = await apply();
    expect(first.output).toMatch(/crm_simulate executed: .*p_api/);
    expect(first.code).toBe(2);
    expect(await states('p_api')).toMatchObject({ 'node-2': 'running' });
    expect(await states('p_proxy')).toEqual({ 'node-1': 'stopped', 'node-2': 'running', 'node-3': 'stopped' });
    const second = await apply();
    expect(second.code).toBe(0);
  });

  it('changes nothing in noop', async () => {
    const { code, output } = await apply({ noop: true });
    expect(code).toBe(0); // as puppet apply --noop --detailed-exitcodes: nothing was changed
    expect(output).not.toMatch(/crm_simulate executed/);
    expect(output).toMatch(/Service\[api\]\/ensure: current_value 'stopped', should be 'running' \(noop\)/);
  });
});
