// Shared fixtures for the CIB specs: a fresh CIB file per test (real cibadmin, real crm_verify).

import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CibSession } from '../../src/backends/cib/index.js';
import type { DesiredItem, DesiredPrimitive } from '../../src/backends/cib/index.js';

export interface CibFixture {
  file: string;
  open(): Promise<CibSession>;
  /** Runs cibadmin on the file behind papply's back (another admin, another tool). */
  cibadmin(...args: string[]): Promise<string>;
  /** crm_verify's verdict on the file. */
  verify(): Promise<{ ok: boolean; output: string }>;
  epoch(): Promise<number>;
  cleanup(): void;
}

export function cibFixture(nodes = ['node-1', 'node-2', 'node-3']): CibFixture {
  const directory = mkdtempSync(join(tmpdir(), 'papply-cib-spec-'));
  const file = join(directory, 'cib.xml');
  const env = { CIB_file: file };
  return {
    file,
    open: () => CibSession.open({ cibFile: file, nodes }),
    async cibadmin(...args) {
      const result = await execa('cibadmin', args, { env, reject: false });
      if (result.exitCode !== 0) throw new Error(`cibadmin ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    },
    async verify() {
      const result = await execa('crm_verify', ['--verbose', '--xml-file', file], { reject: false });
      return { ok: result.exitCode === 0, output: `${result.stdout}${result.stderr}` };
    },
    async epoch() {
      const result = await execa('cibadmin', ['--query'], { env });
      return Number(/epoch="(\d+)"/.exec(result.stdout)?.[1]);
    },
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}

export function dummy(id: string, extra: Partial<DesiredPrimitive> = {}): DesiredPrimitive {
  return {
    kind: 'primitive', owner: `Cs_primitive[${id}]`, id, class: 'ocf', provider: 'pacemaker', type: 'Dummy',
    parameters: {}, operations: [{ name: 'monitor', interval: '10s', options: { timeout: '20s' } }], meta: {}, utilization: {}, ...extra,
  };
}

export const owners = (items: DesiredItem[]) => items.map((item) => item.owner);
