// The Puppet language front end: turns manifest text and EPP templates into the AST of ast.ts.
// The grammar lives in grammar/puppet.peggy; this module adds what a grammar cannot say well:
// the list of definitions (with nested class names qualified) and error messages in Puppet words.

import { parse as peggyParse, SyntaxError as PeggySyntaxError } from './generated/puppet-parser.js';
import type { Definition, EppTemplate, Expression, Program } from './ast.js';
import { PapplyError } from '../errors.js';
import { checkEppTemplate, checkProgram } from './checker.js';

/**
 * Parses a manifest. `Program.definitions` lists every class, define, node, function and type
 * alias of the file, nested ones included. A class or define nested in a class body is named after
 * its enclosing class, as Puppet does: `class a { class b {} }` defines `a::b` (the node's `name`
 * is rewritten to the full name).
 */
export function parseManifest(text: string, file: string): Program {
  const program = runParser(text, file, 'Program') as Program;
  const warnings = checkProgram(program, text);
  if (warnings.length > 0) program.warnings = warnings;
  program.definitions = collectDefinitions(program.body);
  return program;
}

/** Parses an EPP template: its `<%- | params | -%>` header and a body of render/code statements. */
export function parseEpp(text: string, file: string): EppTemplate {
  const template = runParser(text, file, 'EppTemplate') as EppTemplate;
  checkEppTemplate(template, text);
  return template;
}

function runParser(text: string, file: string, startRule: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new PapplyError('Illegal UTF-8 Byte Order mark at beginning of input: [EF BB BF] - remove these from the puppet source', { file, line: 1, column: 1, offset: 0 });
  }
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
  rejectRedefinitions(found);
  return found;
}

const KIND_WORDS: Record<string, string> = { HostClass: 'class', Define: 'definition' };

/** Puppet refuses a file that defines the same class, define, node, function or type twice. */
function rejectRedefinitions(definitions: Definition[]): void {
  const seen = new Map<string, Definition>();
  const where = (d: Definition): string => `(file: ${d.loc.file}, line: ${d.loc.line})`;
  for (const d of definitions) {
    const keys =
      d.kind === 'Node'
        ? d.matches.map((m) => `node ${m.kind === 'String' ? m.value : m.kind === 'QualifiedName' ? m.name : m.kind === 'Regex' ? `/${m.pattern}/` : m.kind}`)
        : [`${d.kind === 'HostClass' || d.kind === 'Define' ? 'type' : d.kind} ${d.name.toLowerCase()}`];
    for (const key of keys) {
      const first = seen.get(key);
      if (!first) {
        seen.set(key, d);
        continue;
      }
      const name = key.slice(key.indexOf(' ') + 1);
      let message: string;
      if (d.kind === 'Node') message = `Node '${name}' is already defined ${where(first)}; cannot redefine ${where(d)}`;
      else if (first.kind !== d.kind) message = `'${name}' is already defined ${where(first)} as a ${KIND_WORDS[first.kind]}; cannot redefine as a ${KIND_WORDS[d.kind]} ${where(d)}`;
      else if (d.kind === 'HostClass') message = `Class '${name}' is already defined ${where(first)}; cannot redefine ${where(d)}`;
      else message = `'${name}' is already defined ${where(first)}; cannot redefine ${where(d)}`;
      throw new PapplyError(message, { file: d.loc.file, line: d.loc.line, column: d.loc.column, offset: d.loc.offset });
    }
  }
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
    /^(?:\$?(?:::)?[A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)*|-?%>|<%[-=#]?|=>|\+>|->|~>|<-|<~|<<\||\|>>|<\||\|>|==|!=|=~|!~|<=|>=|<<|>>|@@|\S)/.exec(rest);
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
