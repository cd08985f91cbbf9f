// EPP templates: text, `<%= %>` expressions, code tags spanning blocks, comments, `<%%`/`%%>`,
// `-%>`/`<%-` trimming and the parameter header; compared with `puppet epp dump` when installed.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEpp } from '../../src/compiler/parser.js';
import { sexp } from './support/sexp.js';
import { eppToPN } from './support/puppet-pn.js';
import { puppetEppDump, puppetExecutable } from './support/puppet.js';

const eppDir = resolve('spec/fixtures/parser/epp');
const templates = readdirSync(eppDir).filter((f) => f.endsWith('.epp')).sort().map((f) => join(eppDir, f));

const epp = (text: string): string => sexp(parseEpp(text, 'inline.epp'));

describe('EPP templates', () => {
  it('renders text and expressions', () => {
    expect(epp('Hello <%= $name %>!\n')).toBe("(epp (block (render 'Hello ') (render-expr $name) (render '!\\n')))");
  });

  it('has no parameter list unless the template declares one', () => {
    expect(parseEpp('x', 'a.epp').params).toBeUndefined();
    expect(parseEpp('<%- | | -%>x', 'a.epp').params).toEqual([]);
  });

  it('reads the parameter header with types and defaults, trimming its line', () => {
    expect(epp('<%- | String $a, Integer $b = 2 | -%>\n<%= $a %>')).toBe(
      '(epp (params ($a :type String) ($b :type Integer :value 2)) (block (render-expr $a)))',
    );
  });

  it('lets code blocks span tags', () => {
    expect(epp('<% $xs.each |$x| { %>[<%= $x %>]<% } %>')).toBe(
      "(epp (block (call-method $xs each (lambda (params ($x)) (block (render '[') (render-expr $x) (render ']'))))))",
    );
    expect(epp('<% if $a { -%>\nyes\n<% } else { -%>\nno\n<% } -%>\n')).toBe("(epp (block (if $a (then (render 'yes\\n')) (else (render 'no\\n')))))");
  });

  it('drops comments, unescapes <%% and %%>, and trims with -%> and <%-', () => {
    expect(epp('a<%# note %>b <%% c %%>\n')).toBe("(epp (block (render 'ab <% c %>\\n')))");
    expect(epp('line\n    <%- $x = 1 -%>\nnext')).toBe("(epp (block (render 'line\\n') (= $x 1) (render 'next')))");
  });

  it('keeps a %> inside a string of an expression', () => {
    expect(epp('<%= "%>" %>')).toBe("(epp (block (render-expr '%>')))");
  });

  it('locates template nodes', () => {
    const template = parseEpp('one\ntwo <%= $x %>\n', 'loc.epp');
    const expression = template.body.body[1];
    expect(expression.kind).toBe('RenderExpression');
    expect(expression.loc).toMatchObject({ file: 'loc.epp', line: 2, column: 5 });
  });

  for (const file of templates) {
    it(`parses ${file.slice(eppDir.length + 1)}`, () => {
      expect(parseEpp(readFileSync(file, 'utf8'), file).body.body.length).toBeGreaterThan(0);
    });
  }
});

describe.skipIf(!puppetExecutable)('EPP templates against Puppet 7', () => {
  for (const file of templates) {
    it(`builds the same tree as puppet epp dump for ${file.slice(eppDir.length + 1)}`, async () => {
      const theirs = await puppetEppDump(file);
      expect(theirs, 'puppet epp dump failed').toBeDefined();
      expect(eppToPN(parseEpp(readFileSync(file, 'utf8'), file))).toEqual(theirs);
    }, 60_000);
  }
});
