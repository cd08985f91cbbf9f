#!/usr/bin/env node
// ERB rendering throughput: every template fixture of spec/templates (40 realistic templates, with
// their variables) rendered repeatedly by papply in-process, against Ruby's own ERB rendering the
// same templates the same number of times in one Ruby process (what Puppet does per template()).
// Run after `npm run build`: node bench/templates.js [rounds]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderErb } from '../dist/compiler/templates/index.js';
import { fromPlain } from '../dist/compiler/values.js';
import { row } from './harness.js';

const rounds = Number(process.argv[2] ?? 200);
const fixtures = new URL('../spec/templates/modules/fixtures/', import.meta.url).pathname;
const templates = readdirSync(join(fixtures, 'templates'))
  .filter((f) => f.endsWith('.erb'))
  .map((f) => {
    const name = basename(f, '.erb');
    const varsFile = join(fixtures, 'vars', `${name}.json`);
    return { name, source: readFileSync(join(fixtures, 'templates', f), 'utf8'), vars: existsSync(varsFile) ? JSON.parse(readFileSync(varsFile, 'utf8')) : {} };
  })
  // Templates that talk to Puppet's scope need Puppet; plain Ruby ERB cannot render them.
  .filter((t) => !/scope|has_variable\?/.test(t.source));

/** The calling scope of a template: its variables, nothing else (no functions needed here). */
function contextFor(vars) {
  const variables = new Map(Object.entries(vars).map(([k, v]) => [k, fromPlain(v)]));
  return {
    loc: { file: 'bench.pp', line: 1, column: 1 },
    evaluator: undefined,
    lookupVariable: (name) => variables.get(name.replace(/^::/, '')),
    callFunction: (name) => {
      throw new Error(`no function ${name} in the bench`);
    },
    resolveModuleFile: () => undefined,
  };
}

const contexts = templates.map((t) => contextFor(t.vars));
const started = performance.now();
let bytes = 0;
for (let r = 0; r < rounds; r++) {
  templates.forEach((t, i) => {
    bytes += renderErb(t.source, `${t.name}.erb`, contexts[i]).length;
  });
}
const papplySeconds = (performance.now() - started) / 1000;
const renders = rounds * templates.length;

let rubySeconds;
try {
  const script = `require 'erb'; require 'json'
    list = JSON.parse(STDIN.read)
    t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    ${rounds}.times do
      list.each do |t|
        b = Object.new
        t['vars'].each { |k, v| b.instance_variable_set("@#{k}", v) }
        ERB.new(t['source'], trim_mode: '-').result(b.instance_eval { binding })
      end
    end
    print Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0`;
  rubySeconds = Number(execFileSync('ruby', ['-e', script], { input: JSON.stringify(templates), encoding: 'utf8' }));
} catch {
  rubySeconds = NaN;
}

const perSecond = (s) => `${Math.round(renders / s).toLocaleString('en')} renders/s`;
console.log(`${templates.length} templates x ${rounds} rounds = ${renders} renders (${(bytes / 1e6).toFixed(1)} MB of output)`);
console.log(`papply:   ${papplySeconds.toFixed(2)} s  (${perSecond(papplySeconds)})`);
console.log(`Ruby ERB: ${Number.isNaN(rubySeconds) ? 'ruby not available' : `${rubySeconds.toFixed(2)} s  (${perSecond(rubySeconds)})`}`);
row('templates', 'ERB renders per second', perSecond(papplySeconds), Number.isNaN(rubySeconds) ? '' : perSecond(rubySeconds), `${templates.length} fixtures x ${rounds}`);
