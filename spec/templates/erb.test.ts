// Every ERB fixture rendered by papply's template() must equal, byte for byte, what Puppet 7
// rendered for the same variables (spec/templates/expected, produced by scripts/golden-templates.js).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PapplyError } from '../../src/errors.js';
import '../../src/compiler/functions/templates.js';
import { lookupFunction } from '../../src/compiler/functions/registry.js';
import { fromPlain, PSensitive, type Value } from '../../src/compiler/values.js';
import { TemplateContext } from './template-context.js';

const here = import.meta.dirname;
const modules = join(here, 'modules');
const fixtures = join(modules, 'fixtures');
const names = readdirSync(join(fixtures, 'templates'))
  .filter((f) => f.endsWith('.erb'))
  .map((f) => basename(f, '.erb'))
  .sort();

function contextFor(vars: Record<string, unknown>): TemplateContext {
  return new TemplateContext(new Map(Object.entries(vars).map(([k, v]) => [k, fromPlain(v)])), modules);
}

function template(ctx: TemplateContext, ...refs: string[]): string {
  return lookupFunction('template')!(ctx, refs) as string;
}

describe('ERB fixtures against Puppet 7 output', () => {
  it('has at least 30 fixtures, each with its expected output', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) expect(existsSync(join(here, 'expected', `${name}.out`)), name).toBe(true);
  });

  for (const name of names) {
    it(name, () => {
      const varsFile = join(fixtures, 'vars', `${name}.json`);
      const vars = existsSync(varsFile) ? JSON.parse(readFileSync(varsFile, 'utf8')) : {};
      const expected = readFileSync(join(here, 'expected', `${name}.out`), 'utf8');
      expect(template(contextFor(vars), `fixtures/${name}.erb`)).toBe(expected);
    });
  }
});

describe('template() and inline_template()', () => {
  it('concatenates several templates', () => {
    const ctx = contextFor({ svc_name: 'x' });
    expect(template(ctx, 'fixtures/partial.erb', 'fixtures/partial.erb')).toBe('partial for x\npartial for x\n');
  });

  it('inline_template renders its string arguments in order', () => {
    const ctx = contextFor({ a: 1 });
    expect(lookupFunction('inline_template')!(ctx, ['<%= @a %>,', '<%= @a + 1 %>'])).toBe('1,2');
  });

  it('names a missing template', () => {
    expect(() => template(contextFor({}), 'fixtures/nope.erb')).toThrow("Could not find template 'fixtures/nope.erb'");
  });
});

describe('Puppet-only values in templates', () => {
  it('Sensitive prints redacted and unwraps', () => {
    const ctx = new TemplateContext(new Map<string, Value>([['secret', new PSensitive('s3cret')]]), modules);
    expect(lookupFunction('inline_template')!(ctx, ['<%= @secret %>|<%= @secret.unwrap %>'])).toBe('Sensitive [value redacted]|s3cret');
  });
});

describe('errors name the template, the line and the construct', () => {
  const render = (source: string, vars: Record<string, unknown> = {}): string =>
    lookupFunction('inline_template')!(contextFor(vars), [source]) as string;

  const cases: [string, string, RegExp][] = [
    ['for loop', 'a\nb\n<% for x in [1] %>x<% end %>', /unsupported Ruby construct 'for' at inline_template at spec\.pp:1:3/],
    ['endless loop', '<% while true; end %>', /loop ran more than 1000000 times/],
    ['def', '<% def x; end %>', /unsupported Ruby construct 'def'/],
    ['retry', "<% begin; x = 1; rescue; retry; end %>", /unsupported Ruby construct 'retry'/],
    ['unsupported errors are not rescued', "<% begin; x = 1.frobnicate; rescue => e; end %>", /unsupported Ruby method 'frobnicate'/],
    ['heredoc', '<%= <<-EOS\nx\nEOS\n%>', /unsupported Ruby construct 'heredoc'/],
    ['method on nil', '\n\n\n<%= @missing.empty? %>', /^Failed to parse inline template: undefined method `empty\?' for nil:NilClass at .*:4/],
    ['unknown method', "<%= 'x'.frobnicate %>", /unsupported Ruby method 'frobnicate' for String/],
    ['syntax error', '<% if true %>', /syntax error in ERB template \(Ruby\)/],
    ['raise', "<% raise 'custom failure' %>", /custom failure/],
    ['type error', "<%= 'a' + 1 %>", /no implicit conversion of Integer into String/],
  ];
  for (const [title, source, message] of cases) {
    it(title, () => {
      let error: unknown;
      try {
        render(source);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PapplyError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('names the template line in the message and locates the error at the call site', () => {
    try {
      render('one\ntwo\n<% def x; end %>');
      expect.unreachable();
    } catch (e) {
      expect((e as PapplyError).message).toMatch(/at inline_template at spec\.pp:1:3$/);
      expect((e as PapplyError).location).toEqual({ file: 'spec.pp', line: 1, column: 1 });
    }
    try {
      template(contextFor({}), 'fixtures/partial.erb');
      lookupFunction('inline_template')!(contextFor({}), ['\n<%= @nope.size %>']);
      expect.unreachable();
    } catch (e) {
      expect((e as PapplyError).describe()).toBe("spec.pp:1:1: Failed to parse inline template: undefined method `size' for nil:NilClass at inline_template at spec.pp:1:2");
    }
  });
});
