// Hiera fixtures (hierarchy by fact, merge strategies, lookup_options, interpolation, automatic
// parameter lookup) compared with the values Puppet 7 produced for them (scripts/golden-hiera.js).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/compiler/functions/hiera.js';
import '../../src/compiler/functions/stdlib/index.js';
import { lookupFunction } from '../../src/compiler/functions/registry.js';
import { loadHiera } from '../../src/compiler/hiera/index.js';
import { compileCatalog } from '../../src/compiler/compile.js';
import { fromPlain, type Value } from '../../src/compiler/values.js';
import { TemplateContext } from '../templates/template-context.js';

const fixtures = join(import.meta.dirname, 'fixtures');

interface Case {
  certname: string;
  facts: Record<string, unknown>;
  classes: Record<string, Record<string, unknown>>;
  modulepath?: string;
  /** Parameters of included classes whose value comes from Hiera alone (no default needed). */
  params?: string[];
  lookups: [string, string, unknown[]][];
}

const toJson = (value: Value): string => lookupFunction('to_json')!(new TemplateContext(new Map()), [value]) as string;

function contextFor(dir: string, spec: Case): TemplateContext {
  const facts = fromPlain(spec.facts);
  const variables = new Map<string, Value>([
    ['facts', facts],
    ['trusted', fromPlain({ certname: spec.certname })],
    ...Object.entries(spec.facts).map(([k, v]): [string, Value] => [k, fromPlain(v)]),
  ]);
  const modulepath = spec.modulepath ? [join(dir, spec.modulepath)] : [];
  return new TemplateContext(variables, undefined, loadHiera(join(dir, 'hiera.yaml'), { modulepath }));
}

for (const name of readdirSync(fixtures).sort()) {
  const dir = join(fixtures, name);
  const spec: Case = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;

  describe(`Hiera fixture '${name}' against Puppet 7`, () => {
    // scripts/golden-hiera.js runs Puppet in the fixture directory (Hiera 3 datadirs are relative to it).
    const cwd = process.cwd();
    let ctx: TemplateContext;
    beforeAll(() => {
      process.chdir(dir);
      ctx = contextFor(dir, spec);
    });
    afterAll(() => process.chdir(cwd));
    for (const [id, fn, args] of spec.lookups) {
      it(`${id}: ${fn}(${JSON.stringify(args).slice(1, -1)})`, () => {
        const value = lookupFunction(fn)!(ctx, args.map(fromPlain));
        // Ruby's compact JSON of the value: key order and Integer/Float as Puppet has them.
        expect(toJson(value)).toBe(expected[id]);
      });
    }
    for (const param of spec.params ?? []) {
      it(`automatic parameter lookup ${param}`, () => {
        const result = ctx.dataLookup!.lookup(param, ctx);
        expect(toJson(result.value)).toBe(expected[param]);
      });
    }
    for (const [cls, params] of Object.entries(spec.classes)) {
      for (const [param, fallback] of Object.entries(params)) {
        it(`automatic parameter lookup ${cls}::${param}`, () => {
          const result = ctx.dataLookup!.lookup(`${cls}::${param}`, ctx);
          const value = result.found ? result.value : fromPlain(fallback);
          expect(toJson(value)).toBe(expected[`${cls}::${param}`]);
        });
      }
    }
  });
}

describe('Hiera errors', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'papply-hiera-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return join(dir, 'hiera.yaml');
  }
  const ctxWith = (config: string): TemplateContext => new TemplateContext(new Map(), undefined, loadHiera(config));
  const lookup = (ctx: TemplateContext, ...args: Value[]): Value => lookupFunction('lookup')!(ctx, args);
  const basic = "version: 5\nhierarchy:\n  - name: common\n    path: common.yaml\n";

  it('reports a missing key with Puppet\'s wording', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': 'a: 1\n' }));
    expect(() => lookup(ctx, 'nope')).toThrow("Function lookup() did not find a value for the name 'nope'");
    expect(() => lookup(ctx, ['x', 'y'])).toThrow("Function lookup() did not find a value for any of the names ['x', 'y']");
  });

  it('names the data file that does not parse', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': 'a: [1,\n' }));
    expect(() => lookup(ctx, 'a')).toThrow(/Unable to parse .*data\/common\.yaml/);
  });

  it('names a data file that is not a hash', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': '- 1\n' }));
    expect(() => lookup(ctx, 'a')).toThrow(/common\.yaml: file does not contain a valid yaml hash/);
  });

  it('rejects other hiera.yaml versions and backends, naming the file', () => {
    expect(() => loadHiera(project({ 'hiera.yaml': 'version: 4\n' }))).toThrow(/hiera\.yaml: hiera.yaml version 4 is not supported/);
    expect(() => loadHiera(project({ 'hiera.yaml': ':backends: [eyaml]\n' }))).toThrow(/Hiera 3 backend 'eyaml' is not supported/);
    expect(() => loadHiera(project({ 'hiera.yaml': 'version: 5\nhierarchy:\n  - name: x\n    lookup_key: eyaml_lookup_key\n    path: x.eyaml\n' }))).toThrow(
      /'lookup_key: eyaml_lookup_key' is not supported/,
    );
  });

  it('requires a backend when defaults name none, as Puppet', () => {
    expect(() => loadHiera(project({ 'hiera.yaml': 'version: 5\ndefaults:\n  datadir: d\nhierarchy:\n  - name: x\n    path: x.yaml\n' }))).toThrow(
      /hiera\.yaml: One of data_hash, lookup_key, data_dig, or hiera3_backend must be defined in hierarchy 'x'/,
    );
  });

  it('detects recursive interpolation and misplaced alias', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': "a: \"%{lookup('b')}\"\nb: \"%{lookup('a')}\"\nc: \"x %{alias('a')}\"\n" }));
    expect(() => lookup(ctx, 'a')).toThrow(/Recursive lookup detected in \[a, b, a\]/);
    expect(() => lookup(ctx, 'c')).toThrow(/'alias' interpolation is only permitted if the expression is equal to the entire string/);
  });

  it('passes a lambda the key when nothing is found', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': 'a: 1\n' }));
    const block = { arity: 1, capturesRest: false, call: (args: Value[]) => `default for ${String(args[0])}` };
    expect(lookupFunction('lookup')!(ctx, ['zzz'], block)).toBe('default for zzz');
  });

  it('takes the name from an options hash given alone', () => {
    const ctx = ctxWith(project({ 'hiera.yaml': basic, 'data/common.yaml': 'a: 1\n' }));
    expect(lookup(ctx, fromPlain({ name: 'a', merge: 'deep' }))).toBe(1);
    expect(lookup(ctx, fromPlain({ name: 'zz', default_value: 'd' }))).toBe('d');
  });

  it('without a Hiera configuration every key is missing', () => {
    const ctx = new TemplateContext(new Map());
    expect(lookup(ctx, 'a', undefined, undefined, 'd')).toBe('d');
    expect(() => lookupFunction('hiera')!(ctx, ['a'])).toThrow(/did not find a value for the name 'a'/);
  });
});

describe('Hiera in a compile', () => {
  it('hiera_include declares the classes found (unique merge), parameters come from the data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'papply-hiera-compile-'));
    const files: Record<string, string> = {
      'hiera.yaml': 'version: 5\nhierarchy:\n  - name: role\n    path: "roles/%{facts.role}.yaml"\n  - name: common\n    path: common.yaml\n',
      'data/roles/db.yaml': 'classes: [profile::db]\nprofile::db::port: 3307\n',
      'data/common.yaml': 'classes: [profile::base]\n',
      'modules/profile/manifests/db.pp': "class profile::db($port = 1) { notify { 'db': message => \"port ${port}\" } }\n",
      'modules/profile/manifests/base.pp': "class profile::base { notify { 'base': } }\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const catalog = compileCatalog({
      code: "hiera_include('classes')",
      modulepath: [join(dir, 'modules')],
      hieraConfig: join(dir, 'hiera.yaml'),
      nodeName: 'db-1.example.com',
      facts: { role: 'db' },
    });
    const refs = catalog.resources.map((r) => `${r.type}[${r.title}]`);
    expect(refs).toEqual(expect.arrayContaining(['Class[Profile::Db]', 'Class[Profile::Base]', 'Notify[db]', 'Notify[base]']));
    expect(catalog.resources.find((r) => r.title === 'db')?.parameters?.message).toBe('port 3307');
  });
});
