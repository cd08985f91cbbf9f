#!/usr/bin/env node
// Produces the expected output of every ERB fixture with Puppet 7 itself: for each
// spec/templates/modules/fixtures/templates/<name>.erb, `puppet apply` a manifest that sets the
// variables of vars/<name>.json at top scope and writes `template('fixtures/<name>.erb')` to
// spec/templates/expected/<name>.out. Run it after adding or changing a fixture; commit the outputs.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedApply, literal, withWorkDirectory } from './lib/isolated-puppet.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'spec', 'templates', 'modules');
const templates = join(modules, 'fixtures', 'templates');
const varsDir = join(modules, 'fixtures', 'vars');
const expectedDir = join(root, 'spec', 'templates', 'expected');
const only = process.argv.slice(2);

withWorkDirectory('papply-golden-', (work) => {
  for (const file of readdirSync(templates).filter((f) => f.endsWith('.erb')).sort()) {
    const name = basename(file, '.erb');
    if (only.length && !only.includes(name)) continue;
    const varsFile = join(varsDir, `${name}.json`);
    const vars = existsSync(varsFile) ? JSON.parse(readFileSync(varsFile, 'utf8')) : {};
    const out = join(expectedDir, `${name}.out`);
    const manifest = [
      ...Object.entries(vars).map(([k, v]) => `$${k} = ${literal(v)}`),
      `file { '${out}': ensure => file, content => template('fixtures/${file}') }`,
    ].join('\n');
    const manifestFile = join(work, `${name}.pp`);
    writeFileSync(manifestFile, `${manifest}\n`);
    isolatedApply(name, work, ['--modulepath', modules], manifestFile);
  }
});
