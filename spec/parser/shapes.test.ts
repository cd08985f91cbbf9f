// The tree shape of each construct, one statement at a time (spec/fixtures/parser/shapes.json:
// [source, expected tree]), node locations, and — where Puppet 7 is installed — the same
// statements compared with the tree of `puppet parser dump`.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest } from '../../src/compiler/parser.js';
import type { Expression } from '../../src/compiler/ast.js';
import { sexp } from './support/sexp.js';
import { normalisePuppetPN, programToPN } from './support/puppet-pn.js';
import { puppetDumpAll, puppetExecutable } from './support/puppet.js';

const shapes = JSON.parse(readFileSync('spec/fixtures/parser/shapes.json', 'utf8')) as [string, string][];

describe('construct shapes', () => {
  for (const [source, tree] of shapes) {
    it(source, () => {
      expect(sexp(parseManifest(source, 'shape.pp'))).toBe(tree);
    });
  }
});

describe('node locations', () => {
  const text = [
    "class demo ($x = 'a') {",
    '  file { "/tmp/${x}":',
    '    ensure  => file,',
    '    content => $x ? { default => "v" },',
    '  }',
    "  Package['p'] -> Service['s']",
    '}',
  ].join('\n');
  const program = parseManifest(text, 'demo.pp');
  const klass = program.body[0];
  if (klass.kind !== 'HostClass') throw new Error('expected a class');
  const [resource, chain] = klass.body.body as Expression[];

  it('locates definitions, resources and attributes', () => {
    expect(klass.loc).toEqual({ file: 'demo.pp', line: 1, column: 1, offset: 0, endOffset: text.length });
    expect(klass.params[0].loc).toMatchObject({ line: 1, column: 13 });
    expect(resource.loc).toMatchObject({ line: 2, column: 3 });
    if (resource.kind !== 'Resource') throw new Error('expected a resource');
    const body = resource.bodies[0];
    expect(body.title.loc).toMatchObject({ line: 2, column: 10 });
    expect(body.operations.map((o) => [o.loc.line, o.loc.column])).toEqual([
      [3, 5],
      [4, 5],
    ]);
    const content = body.operations[1];
    if (content.kind !== 'AttributeOperation') throw new Error('expected an attribute');
    expect(content.value.kind).toBe('Selector');
    expect(content.value.loc).toMatchObject({ line: 4, column: 16 });
  });

  it('locates both sides of a relationship', () => {
    if (chain.kind !== 'Relationship') throw new Error('expected a relationship');
    expect(chain.loc).toMatchObject({ line: 6, column: 3 });
    expect(chain.right.loc).toMatchObject({ line: 6, column: 19 });
    expect(text.slice(chain.right.loc.offset, chain.right.loc.endOffset)).toBe("Service['s']");
  });

  it('locates interpolated expressions inside strings', () => {
    if (resource.kind !== 'Resource') throw new Error('expected a resource');
    const title = resource.bodies[0].title;
    if (title.kind !== 'Interpolated') throw new Error('expected an interpolated string');
    expect(title.parts[1].loc).toMatchObject({ line: 2, column: 18 });
  });
});

describe.skipIf(!puppetExecutable)('construct shapes against Puppet 7', () => {
  it('Puppet builds the same tree for each statement it accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papply-shapes-'));
    try {
      const files = shapes
        .filter(([source]) => !/\*\$\w/.test(source)) // puppet's dumper crashes on rest parameters
        .map(([source], i) => {
          const file = join(dir, `shape${i}.pp`);
          writeFileSync(file, `${source}\n`);
          return file;
        });
      const theirs = await puppetDumpAll(files);
      let compared = 0;
      for (const file of files) {
        const tree = theirs.get(file);
        if (tree === undefined) continue; // statements Puppet's validator rejects (e.g. `a -> b`)
        const source = readFileSync(file, 'utf8');
        expect(programToPN(parseManifest(source, file)), source).toEqual(normalisePuppetPN(tree));
        compared++;
      }
      expect(compared).toBeGreaterThan(files.length - 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
