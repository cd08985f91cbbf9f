// compileToJson (what `papply compile` writes) streams the catalog text resource by resource; it
// must be exactly the text of JSON.stringify(catalog, null, 2) plus a newline, for every catalog
// the conformance manifests produce (empty parameters, sensitive values, rich data, no edges ...).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileToJson, compileWithWarnings, type CompileOptions } from '../../src/compiler/compile.js';

const conformanceDir = join(import.meta.dirname, '..', 'conformance');
const compiling = readdirSync(conformanceDir)
  .filter((f) => f.endsWith('.pp'))
  .map((f) => basename(f, '.pp'))
  .filter((name) => existsSync(join(conformanceDir, 'golden', `${name}.json`)))
  .sort();

function optionsFor(name: string): CompileOptions {
  const own = join(conformanceDir, `${name}.facts.json`);
  return {
    manifest: join(conformanceDir, `${name}.pp`),
    modulepath: [join(conformanceDir, 'modules')],
    nodeName: 'node-1.example.com',
    facts: JSON.parse(readFileSync(existsSync(own) ? own : join(conformanceDir, 'default.facts.json'), 'utf8')),
    hieraConfig: join(conformanceDir, 'hiera', 'hiera.yaml'),
    version: 1700000000,
  };
}

describe('compileToJson', () => {
  it('covers the conformance manifests that compile', () => {
    expect(compiling.length).toBeGreaterThan(40);
  });

  it.each(compiling)('%s: streams the text JSON.stringify(catalog, null, 2) gives', (name) => {
    const pieces: string[] = [];
    const warnings = compileToJson(optionsFor(name), (text) => pieces.push(text));
    const expected = compileWithWarnings(optionsFor(name));
    expect(pieces.join('')).toBe(`${JSON.stringify(expected.catalog, null, 2)}\n`);
    expect(warnings).toEqual(expected.warnings);
    // One piece per resource at least: the text is never built whole.
    expect(pieces.length).toBeGreaterThan(expected.catalog.resources.length);
  });

  it('writes nothing when the compile fails', () => {
    const pieces: string[] = [];
    expect(() => compileToJson({ code: "file { '/x': }\nfile { '/x': }\n", facts: {} }, (text) => pieces.push(text))).toThrow(/Duplicate declaration/);
    expect(pieces).toEqual([]);
  });
});
