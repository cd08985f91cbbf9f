// Concurrency and faults against a CIB file (real cibadmin/crm_verify with CIB_file):
//  - several papply runs at the same time, each changing different resources of the same CIB
//    file (their cibadmin processes really run side by side; the patch's source version is the
//    compare-and-swap): every change is there afterwards, none lost, also when the file does not
//    exist yet and two runs both create it;
//  - cibadmin failing (a real `cibadmin` wrapper first on the PATH that refuses to patch): a clear
//    error naming the resources, the CIB unchanged and valid, and a re-run converges;
//  - disk full while writing a file (a small tmpfs, filled up): a clear error, the old content
//    intact, no temporary file left behind, and a re-run converges once there is room.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';
import { LocalTransport, type CommandResult, type RunOptions, type Transport } from '../../src/backends/transport.js';

/** A local transport whose commands find `dir`'s executables first (a fault-injecting PATH). */
class PathTransport extends LocalTransport {
  constructor(private readonly dir: string) {
    super('node-1');
  }

  override run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return super.run(file, args, { ...options, env: { ...options.env, PATH: `${this.dir}:${process.env.PATH}` } });
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-reliability-cib-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function apply(manifest: string, options: Record<string, unknown>, transport?: Transport): Promise<{ code: number; output: string }> {
  const file = join(dir, `site-${Math.random().toString(36).slice(2)}.pp`);
  await writeFile(file, manifest);
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await runApply(file, { nodeName: 'node-1', detailedExitcodes: true, debug: true, ...options }, { stdout: out, stderr: out, transport });
  return { code, output };
}

const primitive = (id: string, value = 'v1') =>
  `cs_primitive { '${id}': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'fake' => '${value}' } }`;

async function cibXml(cib: string): Promise<string> {
  return (await execa('cibadmin', ['--query'], { env: { CIB_file: cib } })).stdout;
}
const epochOf = (xml: string) => Number(/<cib [^>]*\bepoch="(\d+)"/.exec(xml)?.[1]);
async function expectValid(cib: string): Promise<void> {
  const verify = await execa('crm_verify', ['--xml-file', cib], { reject: false });
  expect(verify.exitCode, `crm_verify: ${verify.stderr}`).toBe(0);
}

describe('concurrent papply runs on one CIB file', () => {
  it('four runs changing different resources at once: every change is kept', async () => {
    const cib = join(dir, 'concurrent.xml');
    const runs = 4;
    const perRun = 5;
    const sites = Array.from({ length: runs }, (_, run) => Array.from({ length: perRun }, (_, i) => primitive(`p_r${run}_${i}`)).join('\n'));
    // The file exists first: creating it is not what is raced here.
    expect((await apply(primitive('p_base', 'base'), { cibFile: cib })).code).toBe(2);
    const results = await Promise.all(sites.map((site) => apply(site, { cibFile: cib })));
    for (const result of results) expect(result.code, result.output).toBe(2);
    const xml = await cibXml(cib);
    for (let run = 0; run < runs; run++) for (let i = 0; i < perRun; i++) expect(xml, `p_r${run}_${i} lost`).toContain(`id="p_r${run}_${i}"`);
    await expectValid(cib);

    // Then all runs change a parameter of their own resources at once, and all re-runs are no-ops.
    const changed = await Promise.all(sites.map((site) => apply(site.replaceAll("'v1'", "'v2'"), { cibFile: cib })));
    for (const result of changed) expect(result.code, result.output).toBe(2);
    const after = await cibXml(cib);
    expect(after).not.toContain('value="v1"');
    expect(after.match(/value="v2"/g)).toHaveLength(runs * perRun);
    const again = await Promise.all(sites.map((site) => apply(site.replaceAll("'v1'", "'v2'"), { cibFile: cib })));
    for (const result of again) expect(result.code, result.output).toBe(0);
    expect(epochOf(await cibXml(cib))).toBe(epochOf(after));
  }, 300_000);

  it('two runs creating the same missing CIB file: the slower creation does not replace the file the faster one already patched', async () => {
    const cib = join(dir, 'created-twice.xml');
    // Run B finds the file missing and is slow to build the new one (its `cibadmin --empty` waits
    // 2 s); run A starts meanwhile, finds the file missing too, creates and patches it.
    const slow = join(dir, 'slow-bin');
    await mkdir(slow);
    const real = execFileSync('sh', ['-c', 'command -v cibadmin'], { encoding: 'utf8' }).trim();
    writeFileSync(join(slow, 'cibadmin'), `#!/bin/sh\nif [ "$1" = "--empty" ]; then sleep 2; fi\nexec '${real}' "$@"\n`);
    chmodSync(join(slow, 'cibadmin'), 0o755);
    const runB = apply(primitive('p_slow_creator'), { cibFile: cib }, new PathTransport(slow));
    await new Promise((resolve) => setTimeout(resolve, 700));
    const runA = apply(primitive('p_fast_creator'), { cibFile: cib });
    const [b, a] = await Promise.all([runB, runA]);
    expect(a.code, a.output).toBe(2);
    expect(b.code, b.output).toBe(2);
    const xml = await cibXml(cib);
    expect(xml).toContain('id="p_fast_creator"');
    expect(xml).toContain('id="p_slow_creator"');
    expect(readdirSync(dir).filter((name) => name.includes('.papply-new-'))).toEqual([]);
    await expectValid(cib);
  }, 120_000);
});

describe('cibadmin failing', () => {
  it('a refused patch is a clear error, the CIB is unchanged and valid, a re-run converges', async () => {
    const cib = join(dir, 'failing.xml');
    expect((await apply(primitive('p_keep'), { cibFile: cib })).code).toBe(2);
    const before = await cibXml(cib);

    const wrappers = join(dir, 'broken-bin');
    await mkdir(wrappers);
    const real = execFileSync('sh', ['-c', 'command -v cibadmin'], { encoding: 'utf8' }).trim();
    writeFileSync(join(wrappers, 'cibadmin'), `#!/bin/sh
for arg in "$@"; do
  if [ "$arg" = "--patch" ]; then echo "cibadmin: simulated failure: Input/output error" >&2; exit 1; fi
done
exec '${real}' "$@"
`);
    chmodSync(join(wrappers, 'cibadmin'), 0o755);
    const site = [primitive('p_keep', 'v2'), primitive('p_new')].join('\n');
    const failed = await apply(site, { cibFile: cib }, new PathTransport(wrappers));
    expect(failed.code & 4, failed.output).toBe(4);
    expect(failed.output).toMatch(/Error: .*Cs_primitive\[p_(keep|new)\]/);
    expect(failed.output).toContain('simulated failure: Input/output error');
    const unchanged = await cibXml(cib);
    expect(epochOf(unchanged)).toBe(epochOf(before));
    expect(unchanged).not.toContain('p_new');
    await expectValid(cib);

    const fixed = await apply(site, { cibFile: cib });
    expect(fixed.code, fixed.output).toBe(2);
    expect(await cibXml(cib)).toContain('id="p_new"');
    await expectValid(cib);
    expect((await apply(site, { cibFile: cib })).code).toBe(0);
  }, 180_000);
});

const notRoot = process.getuid?.() !== 0 ? 'needs root (mounts a tmpfs)' : undefined;
if (notRoot) console.warn(`[disk-full test skipped] ${notRoot}`);

describe.skipIf(notRoot)('disk full while writing a file', () => {
  let mount: string;
  beforeAll(async () => {
    mount = join(dir, 'small');
    await mkdir(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'papply-reliability', mount]);
  });
  afterAll(() => {
    if (mount) execFileSync('umount', [mount]);
  });

  it('fails clearly, keeps the old content, leaves no temporary file; a re-run converges', async () => {
    const target = join(mount, 'app.conf');
    await writeFile(target, 'old content\n');
    const filler = join(mount, 'filler');
    // Fill the file system: dd stops with ENOSPC.
    await execa('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { reject: false });
    const content = 'x'.repeat(200_000);
    const manifest = `file { '${target}': content => '${content}' }`;
    const failed = await apply(manifest, {});
    expect(failed.code & 4, failed.output).toBe(4);
    expect(failed.output).toMatch(new RegExp(`Error: .*File\\[${target.replace(/[/.]/g, '\\$&')}\\]`));
    expect(failed.output).toMatch(/ENOSPC|no space left/i);
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    expect(readdirSync(mount).sort()).toEqual(['app.conf', 'filler']);

    await rm(filler);
    const fixed = await apply(manifest, {});
    expect(fixed.code, fixed.output).toBe(2);
    expect(await readFile(target, 'utf8')).toBe(content);
    expect((await apply(manifest, {})).code).toBe(0);
    expect(existsSync(filler)).toBe(false);
  }, 120_000);
});
