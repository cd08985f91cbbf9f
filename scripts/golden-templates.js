#!/usr/bin/env node
// Produces the expected output of every ERB fixture with Puppet 7 itself: for each
// spec/templates/modules/fixtures/templates/<name>.erb, `puppet apply` a manifest that sets the
// variables of vars/<name>.json at top scope and writes `template('fixtures/<name>.erb')` to
// spec/templates/expected/<name>.out. Run it after adding or changing a fixture; commit the outputs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'spec', 'templates', 'modules');
const templates = join(modules, 'fixtures', 'templates');
const varsDir = join(modules, 'fixtures', 'vars');
const expectedDir = join(root, 'spec', 'templates', 'expected');
const only = process.argv.slice(2);

/** A JSON value as a Puppet literal. */
function literal(value) {
  if (value === null) return 'undef';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${literal(k)} => ${literal(v)}`).join(', ')}}`;
}

const work = mkdtempSync(join(tmpdir(), 'papply-golden-'));
try {
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
    try {
      execFileSync('puppet', ['apply', '--color=false', '--modulepath', modules, '--confdir', join(work, 'conf'), '--vardir', join(work, 'var'),
        '--codedir', join(work, 'code'), '--logdir', join(work, 'log'), '--rundir', join(work, 'run'), manifestFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`ok   ${name}`);
    } catch (error) {
      console.log(`FAIL ${name}\n${error.stdout}${error.stderr}`);
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
