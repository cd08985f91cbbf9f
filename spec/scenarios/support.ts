// Running the example scenarios of manifests/ through `papply apply` (runApply) on a CIB file,
// and reading the result back with Pacemaker's own tools.
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { runApply, type ApplyCliOptions, type ApplyStreams } from '../../src/cli/apply.js';
import '../../src/providers/all.js';

export const MANIFESTS = resolve(__dirname, '../../manifests');
export const MODULES = resolve(__dirname, '../../modules');

export interface ScenarioRun {
  code: number;
  output: string;
}

/** `papply apply manifests/<name>.pp` with `facts` merged over this machine's (under `dir`). */
export async function applyScenario(
  name: string,
  dir: string,
  facts: Record<string, unknown>,
  options: ApplyCliOptions = {},
  streams: ApplyStreams = {},
): Promise<ScenarioRun> {
  const factsFile = join(dir, `facts-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(factsFile, JSON.stringify(facts));
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await runApply(join(MANIFESTS, `${name}.pp`), { modulepath: MODULES, facts: factsFile, detailedExitcodes: true, ...options }, { stdout: out, stderr: out, ...streams });
  return { code, output };
}

/** Elements of the CIB file matching an XPath ('' when none). */
export async function cibXpath(cibFile: string, xpath: string): Promise<string> {
  const result = await execa('cibadmin', ['--query', '--xpath', xpath], { env: { CIB_file: cibFile }, reject: false });
  return result.exitCode === 0 ? String(result.stdout) : '';
}

export async function countXpath(cibFile: string, xpath: string): Promise<number> {
  const result = await execa('cibadmin', ['--query', '--xpath', xpath, '--node-path'], { env: { CIB_file: cibFile }, reject: false });
  return result.exitCode === 0 ? String(result.stdout).split('\n').filter(Boolean).length : 0;
}

/** crm_verify's verdict on the CIB file: exit code and everything it said. */
export async function crmVerify(cibFile: string): Promise<{ exitCode: number; output: string }> {
  const result = await execa('crm_verify', ['--xml-file', cibFile, '-V'], { reject: false });
  return { exitCode: result.exitCode ?? -1, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Node names a clone (or primitive) runs on, by crm_mon on the CIB file. */
export async function runningOn(cibFile: string, rsc: string): Promise<string[]> {
  const { stdout } = await execa('crm_mon', ['--one-shot', '--output-as=xml', '--resource', rsc], { env: { CIB_file: cibFile }, reject: false });
  return [...String(stdout).matchAll(/<resource id="[^"]*"[^>]*role="(?:Started|Promoted|Unpromoted)"[^>]*>\s*<node name="([^"]+)"/g)].map((m) => m[1]!).sort();
}
