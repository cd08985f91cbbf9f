// `papply/spec` as a user gets it: the package built from these sources with tsconfig.build.json
// (what `npm run build` runs), installed into a project's node_modules, imported by its name
// from plain Node, type-checked by tsc, and the README's example run there by vitest.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const exampleFile = join(repo, 'spec/library/readme-example.test.ts');

/** The environment of a child vitest/node, without this vitest's worker variables. */
function cleanEnv(): Record<string, string | undefined> {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !['NODE_OPTIONS', 'TEST', 'FORCE_COLOR'].includes(name));
  return { ...Object.fromEntries(kept), NO_COLOR: '1' };
}

describe('the papply/spec package export', () => {
  let work: string;
  let project: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'papply-spec-package-'));
    const pkg = join(work, 'papply');
    await mkdir(pkg);
    await cp(join(repo, 'package.json'), join(pkg, 'package.json'));
    await symlink(join(repo, 'node_modules'), join(pkg, 'node_modules'));
    // Same compiler options as `npm run build`, another output directory (the tree is shared).
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    await execa(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], { cwd: repo, reject: false });

    project = join(work, 'project');
    await mkdir(join(project, 'node_modules/@types'), { recursive: true });
    await mkdir(join(project, 'spec'));
    await symlink(pkg, join(project, 'node_modules/papply'));
    await symlink(join(repo, 'node_modules/vitest'), join(project, 'node_modules/vitest'));
    await symlink(join(repo, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'));
    await symlink(join(repo, 'modules'), join(project, 'modules'));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'site', type: 'module', private: true }));
    await cp(exampleFile, join(project, 'spec/readme-example.test.ts'));
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is built from src/spec by the package build', async () => {
    const build = JSON.parse(await readFile(join(repo, 'tsconfig.build.json'), 'utf8')) as { include: string[]; compilerOptions: { rootDir: string; outDir: string } };
    expect(build.include).toContain('src');
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(manifest.exports['./spec']).toBe('./dist/spec/index.js');
    const declarations = await readFile(join(work, 'papply/dist/spec/index.d.ts'), 'utf8');
    expect(declarations).toContain("declare module 'vitest'");
  });

  it('is imported by its name from plain Node', async () => {
    await writeFile(
      join(project, 'check.mjs'),
      `import { compile, matchers, CompileError } from 'papply/spec';
const catalog = await compile({ manifest: "file { '/etc/motd': content => 'hi' }" });
const hit = matchers.toContainResource.call({ isNot: false }, catalog, 'file[/etc/motd]', { with: { content: 'hi' } });
const miss = matchers.toContainResource.call({ isNot: false }, catalog, 'File[/etc/motd]', { with: { content: 'bye' } });
const error = await compile({ manifest: "\\nnotice(" }).catch((e) => e);
console.log(JSON.stringify({ hit: hit.pass, miss: miss.pass, message: miss.message(), compileError: error instanceof CompileError, line: error.line }));
`,
    );
    const { stdout } = await execa(process.execPath, ['check.mjs'], { cwd: project, env: cleanEnv(), extendEnv: false });
    expect(JSON.parse(stdout)).toEqual({
      hit: true,
      miss: false,
      message: "expected the catalog to contain File[/etc/motd] with content => 'bye', but File[/etc/motd] (site.pp:1) differs:\n  content: expected 'bye', got 'hi'",
      compileError: true,
      line: 2,
    });
  });

  it('type-checks the README example against the published declarations', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['spec'] }),
    );
    await writeFile(join(project, 'spec/typo.ts'), "import { expect } from 'vitest';\nimport 'papply/spec';\nexpect({}).toContainResourse('File[x]');\n");
    const failing = await execa(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, reject: false });
    // Only the misspelt matcher fails: the real ones are known to TypeScript.
    expect(failing.stdout).toMatch(/spec\/typo\.ts\(3,12\): error TS2551: Property 'toContainResourse' does not exist.*Did you mean 'toContainResource'\?/);
    expect(failing.stdout.trim().split('\n')).toHaveLength(1);
    await rm(join(project, 'spec/typo.ts'));
    const passing = await execa(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, reject: false });
    expect(passing.stdout).toBe('');
    expect(passing.exitCode).toBe(0);
  });

  it('runs the README example as a spec of a user project', async () => {
    const run = await execa(process.execPath, [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, '--reporter', 'verbose'], {
      cwd: project,
      env: cleanEnv(),
      extendEnv: false,
      reject: false,
    });
    expect(run.stdout).toMatch(/Tests\s+6 passed \(6\)/);
    expect(run.exitCode).toBe(0);
  });

  it('shows in the README exactly the example file', async () => {
    const readme = await readFile(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Testing your modules (papply/spec)'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(await readFile(exampleFile, 'utf8'));
  });
});
