#!/usr/bin/env node
// Produces the expected results of the Hiera fixtures with Puppet 7: for each spec/hiera/fixtures/<case>,
// `puppet apply` (facts from case.json as FACTER_ variables, --certname, --hiera_config, and the
// case's modulepath for module data) a manifest that runs each lookup of case.json, declares the
// case's classes (automatic parameter lookup) and
// writes every result, as Ruby's compact JSON of the value (so 1.0 stays 1.0), to
// spec/hiera/fixtures/<case>/expected.json. Commit the outputs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedApply, literal, withWorkDirectory } from './lib/isolated-puppet.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'spec', 'hiera', 'fixtures');

withWorkDirectory('papply-golden-hiera-', (work) => {
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
    const modulepath = spec.modulepath ? ['--modulepath', join(dir, spec.modulepath)] : [];
    isolatedApply(name, work, [...modulepath, '--certname', spec.certname, '--hiera_config', join(dir, 'hiera.yaml')], manifestFile, { cwd: dir, env });
  }
});
