#!/usr/bin/env node
// Produces the expected results of the Hiera fixtures with Puppet 7: for each spec/hiera/fixtures/<case>,
// `puppet apply` (facts from case.json as FACTER_ variables, --certname, --hiera_config, and the
// case's modulepath for module data) a manifest that runs each lookup of case.json, declares the
// case's classes (automatic parameter lookup) and
// writes every result, as Ruby's compact JSON of the value (so 1.0 stays 1.0), to
// spec/hiera/fixtures/<case>/expected.json. Commit the outputs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'spec', 'hiera', 'fixtures');

/** A JSON value as a Puppet literal. */
function literal(value) {
  if (value === null) return 'undef';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${literal(k)} => ${literal(v)}`).join(', ')}}`;
}

const work = mkdtempSync(join(tmpdir(), 'papply-golden-hiera-'));
try {
  for (const name of readdirSync(fixtures).sort()) {
    const dir = join(fixtures, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
    const out = join(dir, 'expected.json');
    const classes = Object.entries(spec.classes ?? {});
    const manifest = [
      ...classes.map(([cls, params]) => `class ${cls}(${Object.entries(params).map(([p, v]) => `$${p} = ${literal(v)}`).join(', ')}) {}`),
      ...classes.map(([cls]) => `include ${cls}`),
      ...(spec.include ?? []).map((cls) => `include ${cls}`),
      '$results = {',
      ...spec.lookups.map(([id, fn, args]) => `  ${literal(id)} => ${fn}(${args.map(literal).join(', ')}),`),
      ...classes.flatMap(([cls, params]) => Object.keys(params).map((p) => `  ${literal(`${cls}::${p}`)} => $${cls}::${p},`)),
      ...(spec.params ?? []).map((p) => `  ${literal(p)} => $${p},`),
      '}',
      `file { '${out}': ensure => file, content => inline_template('<%= require "json"; JSON.pretty_generate(@results.map { |k, v| [k, v.to_json] }.to_h) %>') }`,
    ].join('\n');
    const manifestFile = join(work, `${name}.pp`);
    writeFileSync(manifestFile, `${manifest}\n`);
    const env = { ...process.env };
    for (const [fact, value] of Object.entries(spec.facts ?? {})) env[`FACTER_${fact}`] = String(value);
    try {
      const modulepath = spec.modulepath ? ['--modulepath', join(dir, spec.modulepath)] : [];
      execFileSync('puppet', ['apply', '--color=false', ...modulepath, '--certname', spec.certname, '--hiera_config', join(dir, 'hiera.yaml'),
        '--confdir', join(work, 'conf'), '--vardir', join(work, 'var'), '--codedir', join(work, 'code'), '--logdir', join(work, 'log'),
        '--rundir', join(work, 'run'), manifestFile], { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`ok   ${name}`);
    } catch (error) {
      console.log(`FAIL ${name}\n${error.stdout}${error.stderr}`);
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
