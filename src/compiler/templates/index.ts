// ERB templates as Puppet renders them (`template()`, `inline_template()`): the template is split
// into text and Ruby code (./erb-scanner.ts), the code parsed by grammar/erb.peggy and run by
// ./ruby-interpreter.ts against the calling scope.

import { readFileSync } from 'node:fs';
import { PapplyError } from '../../errors.js';
import type { CallContext } from '../functions/registry.js';
import { parse, SyntaxError as ErbSyntaxError } from '../generated/erb-parser.js';
import { compileErb } from './erb-scanner.js';
import { RubyInterpreter, templateError } from './ruby-interpreter.js';

interface CompiledTemplate {
  program: unknown[];
  texts: string[];
}

// Templates are parsed once per content: a define declared many times renders the same file often.
const compiled = new Map<string, CompiledTemplate>();

/** Parses an ERB template; syntax errors and unsupported constructs name `file` and the line. */
export function compileTemplate(source: string, file: string): CompiledTemplate {
  const cached = compiled.get(source);
  if (cached) return cached;
  const { source: program, texts } = compileErb(source);
  let ast: unknown[];
  try {
    ast = parse(program, { grammarSource: file });
  } catch (error) {
    if (error instanceof ErbSyntaxError) {
      const { line, column } = error.location.start;
      const message = error.message.startsWith('unsupported Ruby construct')
        ? error.message
        : `syntax error in ERB template (Ruby): ${describeFound(error.found)}`;
      throw new PapplyError(`${message} at ${file}:${line}`, { file, line, column });
    }
    throw error;
  }
  const result = { program: ast, texts };
  compiled.set(source, result);
  return result;
}

function describeFound(found: string | null): string {
  if (found === null) return 'unexpected end of template';
  if (found === '\u0000' || found === '\u0003') return 'unexpected end of tag (unfinished statement?)';
  if (found === '\u0001' || found === '\u0002') return "unexpected '<%=' / '%>'";
  return `unexpected ${JSON.stringify(found)}`;
}

/**
 * Renders ERB `source` (named `file` in errors) with the calling scope of `ctx`. Errors carry the
 * call site (the manifest) as location; a template file's (given by `reference`) also name its path
 * and line, as Puppet's do.
 */
export function renderErb(source: string, file: string, ctx: CallContext, reference?: string): string {
  let compiledTemplate: CompiledTemplate;
  try {
    compiledTemplate = compileTemplate(source, file);
  } catch (error) {
    throw error instanceof PapplyError ? new PapplyError(error.message, ctx.loc, { cause: error }) : error;
  }
  try {
    return new RubyInterpreter({ ...compiledTemplate, file, ctx }).render();
  } catch (error) {
    throw templateError(error, file, ctx.loc, reference);
  }
}

/** Renders a template file (already resolved to a path from `reference`, `module/file.erb`). */
export function renderErbFile(path: string, ctx: CallContext, reference: string): string {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PapplyError(`Could not read template ${path}: ${(error as Error).message}`, ctx.loc);
  }
  return renderErb(source, path, ctx, reference);
}
