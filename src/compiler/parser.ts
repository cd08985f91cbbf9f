// The Puppet language front end: turns manifest text and EPP templates into the AST of ast.ts.
// The grammar lives in grammar/puppet.peggy; this module adds what a grammar cannot say well:
// the list of definitions (with nested class names qualified) and error messages in Puppet words.

import { parse as peggyParse, SyntaxError as PeggySyntaxError } from './generated/puppet-parser.js';
import type { Definition, EppTemplate, Expression, Program } from './ast.js';
import { PapplyError } from '../errors.js';

/**
 * Parses a manifest. `Program.definitions` lists every class, define, node, function and type
 * alias of the file, nested ones included. A class or define nested in a class body is named after
 * its enclosing class, as Puppet does: `class a { class b {} }` defines `a::b` (the node's `name`
 * is rewritten to the full name).
 */
export function parseManifest(text: string, file: string): Program {
  const program = runParser(text, file, 'Program') as Program;
  program.definitions = collectDefinitions(program.body);
  return program;
}

/** Parses an EPP template: its `<%- | params | -%>` header and a body of render/code statements. */
export function parseEpp(text: string, file: string): EppTemplate {
  return runParser(text, file, 'EppTemplate') as EppTemplate;
}

function runParser(text: string, file: string, startRule: string): unknown {
  try {
    return peggyParse(text, { grammarSource: file, file, startRule });
  } catch (error) {
    if (error instanceof PeggySyntaxError) throw toPapplyError(error, text, file);
    throw error;
  }
}

// ---------------------------------------------------------------- definitions

// Definitions can only stand at file level or directly in class bodies (the grammar rejects them
// elsewhere, as Puppet does), so only those places are searched.
function collectDefinitions(body: Expression[]): Definition[] {
  const found: Definition[] = [];
  const visit = (statements: Expression[], enclosingClass: string | undefined): void => {
    for (const statement of statements) {
      switch (statement.kind) {
        case 'HostClass':
        case 'Define':
          if (enclosingClass && !statement.name.startsWith('::')) statement.name = `${enclosingClass}::${statement.name}`;
          statement.name = statement.name.replace(/^::/, '');
          found.push(statement);
          if (statement.kind === 'HostClass') visit(statement.body.body, statement.name);
          break;
        case 'Node':
        case 'FunctionDefinition':
        case 'TypeAlias':
          found.push(statement);
          break;
        default:
          break;
      }
    }
  };
  visit(body, undefined);
  return found;
}

// ---------------------------------------------------------------- errors

interface PeggyError {
  message: string;
  location: { start: { offset: number; line: number; column: number } };
  expected: { type: string; text?: string; description?: string }[] | null;
  found: string | null;
}

/** Error messages are said the way Puppet says them: `Syntax error at 'ensure'`, plus what would fit. */
function toPapplyError(error: PeggyError, text: string, file: string): PapplyError {
  const { offset, line, column } = error.location.start;
  const location = { file, line, column, offset };
  // Errors raised by the grammar itself (error(...)) already speak Puppet.
  if (error.expected === null) return new PapplyError(error.message, location);
  const token = tokenAt(text, offset);
  const expected = describeExpected(error.expected);
  const where = token === null ? 'Syntax error at end of input' : `Syntax error at '${token}'`;
  return new PapplyError(expected ? `${where}; expected ${expected}` : where, location);
}

/** The token starting at offset, as Puppet would quote it (a quoted string by its text). */
function tokenAt(text: string, offset: number): string | null {
  if (offset >= text.length) return null;
  const rest = text.slice(offset, offset + 200);
  const quoted = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1/.exec(rest);
  if (quoted) return quoted[2];
  const match =
    /^(?:\$?(?:::)?[A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)*|=>|\+>|->|~>|<-|<~|<<\||\|>>|<\||\|>|==|!=|=~|!~|<=|>=|<<|>>|@@|\S)/.exec(rest);
  return match ? match[0] : rest[0];
}

// Expectations that hold after almost any value and so say nothing about the mistake.
const NOISE = new Set(['whitespace', 'comment', 'end of line', "'.'", "'=>'"]);

function describeExpected(expected: { type: string; text?: string; description?: string }[]): string | undefined {
  const words = new Set<string>();
  for (const e of expected) {
    if (e.type === 'literal' && e.text !== undefined) words.add(`'${e.text}'`);
    else if (e.type === 'other' && e.description) words.add(e.description);
    else if (e.type === 'end') words.add('end of input');
  }
  for (const noise of NOISE) if (words.size > 1) words.delete(noise);
  words.delete('whitespace');
  if (words.size === 0 || words.size > 6) return undefined;
  const list = [...words];
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}
