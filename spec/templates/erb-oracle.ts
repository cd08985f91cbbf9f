// One ERB snippet rendered twice with the same instance variables: by papply, and by Ruby's own ERB
// with trim_mode '-' (the mode Puppet uses). Tests expect byte-identical output.

import { execFileSync } from 'node:child_process';
import { renderErb } from '../../src/compiler/templates/index.js';
import { fromPlain } from '../../src/compiler/values.js';
import { TemplateContext } from './template-context.js';

const RUBY_ERB = `
require 'erb'; require 'json'
JSON.parse(ARGV[1]).each { |k, v| instance_variable_set("@#{k}", v) }
print ERB.new(ARGV[0], trim_mode: '-').result(binding)
`;

/** `template` rendered by Ruby's ERB, `vars` (JSON values) as its instance variables. */
export function rubyErb(template: string, vars: Record<string, unknown>): string {
  return execFileSync('ruby', ['-e', RUBY_ERB, template, JSON.stringify(vars)], { encoding: 'utf8' });
}

/** `template` rendered by papply, `vars` as the calling scope's variables. */
export function papplyErb(template: string, vars: Record<string, unknown>): string {
  const ctx = new TemplateContext(new Map(Object.entries(vars).map(([k, v]) => [k, fromPlain(v)])));
  return renderErb(template, 'snippet.erb', ctx);
}
