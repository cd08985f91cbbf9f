// Broken manifests: each is rejected at the position Puppet 7 reports (line always, column where
// Puppet's is meaningful), with a message in words a Puppet user knows.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEpp, parseManifest } from '../../src/compiler/parser.js';
import { PapplyError } from '../../src/errors.js';
import { puppetExecutable, puppetValidate } from './support/puppet.js';

const brokenDir = resolve('spec/fixtures/parser/broken');

/** file -> [line, column, message pattern]; positions checked against `puppet parser validate`. */
const expected: Record<string, [number, number, RegExp]> = {
  assign_to_access: [1, 1, /^Illegal attempt to assign via \[index\/key\]\. Not an assignable reference$/],
  assign_to_name: [1, 1, /^Illegal attempt to assign to 'a Name'\. Not an assignable reference$/],
  bad_attribute_name: [2, 3, /^Syntax error at '123'/],
  bad_class_name: [1, 1, /^Unacceptable name\. The name 'Foo::Bar' is unacceptable as the name of a Host Class Definition$/],
  bad_farrow: [2, 10, /^Syntax error at '='; expected '=>' after attribute 'ensure'$/],
  bad_hash: [1, 22, /^Syntax error at '\}'/],
  bad_number: [1, 6, /^Not a valid octal number 08$/],
  bad_selector: [3, 3, /^Syntax error at 'b'; expected ',' or '\}'$/],
  case_missing_colon: [2, 7, /^Syntax error at '\{'; expected ',' or ':'$/],
  class_keyword_title: [1, 13, /^Syntax error at '\}'; expected ':'$/],
  collector_bad_query: [1, 18, /^Syntax error at '='; expected '==' or '!='$/],
  define_in_if: [2, 3, /^Classes, definitions, and nodes may only appear at toplevel or inside other classes$/],
  double_equals_assign: [2, 1, /^Syntax error at end of input/],
  else_without_if: [2, 1, /^Syntax error at 'else'$/],
  elsif_without_if: [1, 1, /^Syntax error at 'elsif'$/],
  extra_brace: [3, 1, /^Syntax error at '\}'/],
  function_in_class: [2, 3, /^A Function Definition may only appear at toplevel$/],
  if_missing_block: [2, 3, /^Syntax error at 'notice'; expected '\{'$/],
  keyword_as_name: [2, 1, /^Syntax error at end of input/],
  lone_operator: [2, 1, /^Syntax error at end of input/],
  missing_arrow_value: [2, 13, /^Syntax error at ','/],
  missing_brace_eof: [5, 1, /^Syntax error at end of input/],
  missing_case_brace: [2, 3, /^Syntax error at 'a'; expected '\{'$/],
  missing_colon_title: [2, 3, /^Syntax error at 'ensure'; expected ':'$/],
  missing_comma: [3, 3, /^Syntax error at 'withpath'; expected ',' or '\}' after attribute 'message'$/],
  missing_param_comma: [3, 3, /^Syntax error at '\$b'; expected ',' or '\)'$/],
  node_inherits: [1, 19, /^Node inheritance is not supported in Puppet >= 4\.0\.0/],
  resource_missing_title: [1, 1, /^This expression is invalid\. Did you try declaring a 'file' resource without a title\?$/],
  stray_token: [2, 1, /^Syntax error at '\)'/],
  unclosed_access: [2, 1, /^Syntax error at '\$w'; expected ',' or '\]'$/],
  unclosed_bracket: [2, 1, /^Syntax error at '\$b'; expected ',' or '\]'$/],
  unclosed_comment: [1, 1, /^Unclosed multiline comment$/],
  unclosed_double: [2, 8, /^unclosed string started at 2:8$/],
  unclosed_heredoc: [2, 1, /^Heredoc without end-tagged line: no line ends the heredoc 'END' started at 1:6$/],
  unclosed_lambda_params: [1, 13, /^Syntax error at '\{'; expected '=', ',' or '\|'$/],
  unclosed_paren: [2, 1, /^Syntax error at 'notice'; expected ',' or '\)'$/],
  unclosed_single: [2, 6, /^unclosed string started at 2:6$/],
  unterminated_regex_case: [2, 3, /^Syntax error at '\/'/],
  plus_equals: [2, 4, /^The operator '\+=' is no longer supported/],
  class_ends_with_value: [3, 3, /^This Variable has no effect\. A Host Class Definition can not end with a value-producing expression without other effect$/],
  name_without_parens: [2, 1, /^This Name has no effect\. A value was produced and then forgotten/],
  empty_if_statement: [1, 1, /^This 'if' statement has no effect\./],
  heredoc_json_invalid: [3, 1, /^Invalid produced text having syntax: 'json'\. JSON syntax checker: Cannot parse invalid JSON string\. "/],
  case_without_branches: [2, 1, /^Syntax error at '\}'/],
  selector_without_entries: [1, 40, /^Syntax error at '\}'$/],
  class_defined_twice: [4, 1, /^Class 'ha::vip' is already defined \(file: .*class_defined_twice\.pp, line: 1\); cannot redefine \(file: .*, line: 4\)$/],
};

// Where papply deliberately reports another column than Puppet: Puppet points after the opening
// quote's content; papply at the opening quote.
const columnDiffersFromPuppet = new Set(['unclosed_double', 'unclosed_single']);

function parseError(file: string): PapplyError {
  try {
    parseManifest(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (error instanceof PapplyError) return error;
    throw error;
  }
  throw new Error(`${file} parsed without error`);
}

describe('broken manifests', () => {
  const files = readdirSync(brokenDir).filter((f) => f.endsWith('.pp')).sort();

  it('covers at least 30 broken manifests, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.map((f) => f.replace(/\.pp$/, ''))).toEqual(Object.keys(expected).sort());
  });

  for (const [name, [line, column, message]] of Object.entries(expected)) {
    it(`${name}.pp fails at ${line}:${column}`, () => {
      const file = join(brokenDir, `${name}.pp`);
      const error = parseError(file);
      expect(error.message).toMatch(message);
      expect(error.location).toMatchObject({ file, line, column });
      expect(error.describe()).toBe(`${file}:${line}:${column}: ${error.message}`);
    });
  }

  it('locates errors inside interpolating heredocs in the file', () => {
    const text = "$x = 1\n$y = @(\"END\")\n    a ${x\n    b\n    | END\n";
    const error = (() => {
      try {
        parseManifest(text, 'h.pp');
      } catch (e) {
        return e as PapplyError;
      }
      throw new Error('no error');
    })();
    expect(error.location?.line).toBe(4);
  });

  it('rejects a broken EPP template with its position', () => {
    expect(() => parseEpp('Hello <%= $x \n%> and <% if $x { %>', 't.epp')).toThrowError(PapplyError);
    try {
      parseEpp('line 1\n<%= $x + %>\n', 't.epp');
    } catch (e) {
      expect((e as PapplyError).location).toMatchObject({ file: 't.epp', line: 2 });
    }
  });
});

describe.skipIf(!puppetExecutable)('broken manifests against Puppet 7', () => {
  it('Puppet rejects every broken manifest on the same line', async () => {
    const files = Object.keys(expected).map((name) => join(brokenDir, `${name}.pp`));
    const failures = await puppetValidate(files);
    for (const [name, [line, column]] of Object.entries(expected)) {
      const file = join(brokenDir, `${name}.pp`);
      const theirs = failures.get(file);
      expect(theirs, `puppet accepted ${name}.pp`).toBeDefined();
      // Puppet gives no position for "end of input"; papply points at the end of the file.
      if (theirs!.line === undefined) continue;
      expect(theirs!.line, `${name}.pp: ${theirs!.message}`).toBe(line);
      if (theirs!.column !== undefined && !columnDiffersFromPuppet.has(name)) expect(theirs!.column, `${name}.pp: ${theirs!.message}`).toBe(column);
    }
  }, 120_000);
});
