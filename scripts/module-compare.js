#!/usr/bin/env node
// Compiles one site manifest with Debian's Puppet 7 and with papply (dist/, so `npm run build`
// first) against the same modules and facts, and prints where the two catalogs differ: resources
// (by Type[title]) with their parameters, and containment edges. Meant for trying real modules
// kept outside the repository, unchanged.
//
//   node scripts/module-compare.js SITE.pp --modulepath DIRS [--facts FILE.json] [--show]
//
// --show prints both catalogs' resource lists too. Puppet gets the cs_*/anchor stub types of
// spec/conformance/puppet-stubs through --libdir. Exit 1 when the catalogs differ.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { execa } from 'execa';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const certname = 'node-1.example.com';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const site = args.find((a, i) => !a.startsWith('--') && !['--modulepath', '--facts'].includes(args[i - 1]));
const modulepath = option('--modulepath');
const factsFile = resolve(option('--facts') ?? join(root, 'spec', 'conformance', 'default.facts.json'));
if (!site || !modulepath) {
  console.error('usage: node scripts/module-compare.js SITE.pp --modulepath DIRS [--facts FILE.json] [--show]');
  process.exit(2);
}
const modulepathAbs = modulepath.split(':').map((d) => resolve(d)).join(':');

const puppet = await compileWithPuppet();
const papply = await compileWithPapply();
if (!puppet.catalog || !papply.catalog) {
  console.log(`puppet: ${puppet.catalog ? 'catalog' : puppet.error}`);
  console.log(`papply: ${papply.catalog ? 'catalog' : papply.error}`);
  process.exit(puppet.catalog || papply.catalog ? 1 : 0);
}

const differences = compare(puppet.catalog, papply.catalog);
if (args.includes('--show')) {
  for (const [name, catalog] of [['puppet', puppet.catalog], ['papply', papply.catalog]]) {
    console.log(`${name}: ${catalog.resources.map(key).join(' ')}`);
  }
}
for (const line of differences) console.log(line);
console.log(`${puppet.catalog.resources.length} resources (Puppet), ${papply.catalog.resources.length} (papply); ${differences.length} differences`);
process.exitCode = differences.length ? 1 : 0;

function key(resource) {
  return `${resource.type}[${resource.title}]`;
}

function compare(expected, actual) {
  const out = [];
  const index = (catalog) => new Map(catalog.resources.filter((r) => !(r.type === 'Class' && r.title === 'Settings')).map((r) => [key(r), r]));
  const want = index(expected);
  const got = index(actual);
  for (const [name, resource] of want) {
    const other = got.get(name);
    if (!other) {
      out.push(`missing in papply: ${name}`);
      continue;
    }
    const params = new Set([...Object.keys(resource.parameters ?? {}), ...Object.keys(other.parameters ?? {})]);
    for (const param of params) {
      const a = resource.parameters?.[param];
      const b = other.parameters?.[param];
      if (!isDeepStrictEqual(a, b)) out.push(`${name} ${param}:\n  puppet: ${JSON.stringify(a)}\n  papply: ${JSON.stringify(b)}`);
    }
    if (Boolean(resource.exported) !== Boolean(other.exported)) out.push(`${name} exported: ${resource.exported} vs ${other.exported}`);
  }
  for (const name of got.keys()) if (!want.has(name)) out.push(`extra in papply: ${name}`);
  const edges = (catalog) => new Set((catalog.edges ?? []).map((e) => `${e.source} -> ${e.target}`));
  const wantEdges = edges(expected);
  const gotEdges = edges(actual);
  for (const edge of wantEdges) if (!gotEdges.has(edge)) out.push(`edge missing in papply: ${edge}`);
  for (const edge of gotEdges) if (!wantEdges.has(edge)) out.push(`extra edge in papply: ${edge}`);
  return out;
}

async function compileWithPuppet() {
  const work = mkdtempSync(join(tmpdir(), 'papply-module-compare-'));
  try {
    const vardir = join(work, 'var');
    const factsDir = join(vardir, 'client_data', 'facts');
    mkdirSync(factsDir, { recursive: true });
    writeFileSync(join(factsDir, `${certname}.json`), JSON.stringify({ name: certname, values: JSON.parse(readFileSync(factsFile, 'utf8')) }));
    const result = await execa(
      'puppet',
      [
        'apply', '--noop', '--color', 'false',
        '--vardir', vardir, '--confdir', join(work, 'conf'), '--codedir', join(work, 'code'),
        '--certname', certname, '--facts_terminus', 'json', '--catalog_cache_terminus', 'json',
        '--modulepath', modulepathAbs,
        '--libdir', join(root, 'spec', 'conformance', 'puppet-stubs', 'lib'),
        resolve(site),
      ],
      { cwd: work, reject: false, all: true, env: { HOME: work } },
    );
    const catalogFile = join(vardir, 'client_data', 'catalog', `${certname}.json`);
    if (existsSync(catalogFile)) return { catalog: JSON.parse(readFileSync(catalogFile, 'utf8')) };
    const error = (result.all ?? '').split('\n').filter((l) => l.startsWith('Error')).join('\n');
    return { error: error || result.all };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function compileWithPapply() {
  const result = await execa(
    process.execPath,
    [join(root, 'bin', 'papply.js'), 'compile', resolve(site), '--modulepath', modulepathAbs, '--facts', factsFile, '--node-name', certname],
    { reject: false },
  );
  if (result.exitCode !== 0) return { error: result.stderr || result.stdout };
  return { catalog: JSON.parse(result.stdout) };
}
