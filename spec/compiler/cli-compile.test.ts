// `papply compile`: catalog JSON to --out (or stdout), facts from YAML or JSON, exit 1 with
// FILE:LINE:COL on compile errors and nothing written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import type { Catalog } from '../../src/compiler/catalog.js';

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'papply-cli-compile-'));
}

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'papply', 'compile', ...args]), stderr };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('papply compile', () => {
  it('writes the catalog for the given node with facts from a YAML file and modules from --modulepath', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'site.pp'), `node 'db-1.example.com' { include app }\nnode default { }\n`);
    writeFileSync(join(dir, 'facts.yaml'), `osfamily: Debian\nprocessors:\n  count: 4\n`);
    const modules = join(dir, 'mods');
    const appDir = join(modules, 'app', 'manifests');
    await import('node:fs/promises').then((fs) => fs.mkdir(appDir, { recursive: true }));
    writeFileSync(join(appDir, 'init.pp'), `class app { notify { 'cpus': message => "\${facts['processors']['count']} \${::osfamily} \${trusted['certname']}" } }\n`);
    const out = join(dir, 'catalog.json');
    const { code } = await run([join(dir, 'site.pp'), '--modulepath', `${join(dir, 'none')}:${modules}`, '--node-name', 'db-1.example.com', '--facts', join(dir, 'facts.yaml'), '--out', out]);
    expect(code).toBe(0);
    const catalog = JSON.parse(readFileSync(out, 'utf8')) as Catalog;
    expect(catalog.name).toBe('db-1.example.com');
    expect(catalog.environment).toBe('production');
    expect(catalog.resources.find((r) => r.title === 'cpus')?.parameters).toEqual({ message: '4 Debian db-1.example.com' });
    expect(catalog.classes).toEqual(['settings', 'db-1.example.com', 'app']);
  });

  it('exits 1 with FILE:LINE:COL: message and writes nothing on a compile error', async () => {
    const dir = workdir();
    const site = join(dir, 'site.pp');
    writeFileSync(site, `file { '/x': }\n\nfile { '/x': }\n`);
    writeFileSync(join(dir, 'facts.json'), '{"hostname": "n"}');
    const out = join(dir, 'catalog.json');
    const { code, stderr } = await run([site, '--facts', join(dir, 'facts.json'), '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${site}:3:1: Duplicate declaration: File[/x] is already declared at (file: ${site}, line: 1)`);
    expect(existsSync(out)).toBe(false);
  });

  it('reports a missing manifest without a stack trace', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'facts.json'), '{}');
    const { code, stderr } = await run([join(dir, 'nope.pp'), '--facts', join(dir, 'facts.json')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^papply compile: ENOENT: no such file or directory.*nope\.pp/);
  });
});
