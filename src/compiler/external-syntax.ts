// Puppet's syntax checkers for heredoc text tagged with a syntax (`@(END:json)`): the text must be
// valid in that syntax. Static text is checked when the manifest is parsed, interpolated text when
// it is evaluated. Puppet knows json, base64, pp and epp; a tag `a+json` is checked as json, and
// tags it has no checker for are not checked.

import type { HeredocSyntax } from './ast.js';
import { PapplyError } from '../errors.js';
import { parseEpp, parseManifest } from './parser.js';

type SyntaxChecker = (text: string) => string | undefined;

/** Ruby's error detail as Puppet quotes it: at most `limit` characters, newlines written `\n`. */
function detail(error: unknown, limit: number): string {
  const where = error instanceof PapplyError && error.location ? ` (line: ${error.location.line}, column: ${error.location.column})` : '';
  const message = `${error instanceof Error ? error.message : String(error)}${where}`;
  return message.slice(0, limit).replace(/\r?\n/g, '\\n');
}

/** Text papply's own front end must parse (a manifest, a template). */
function parsedBy(label: string, parse: (text: string, file: string) => unknown): SyntaxChecker {
  return (text) => {
    try {
      parse(text, '');
      return undefined;
    } catch (error) {
      return `${label} syntax checker: "${detail(error, 500)}"`;
    }
  };
}

const CHECKERS = new Map<string, SyntaxChecker>(Object.entries({
  json: (text: string) => {
    try {
      JSON.parse(text);
      return undefined;
    } catch (error) {
      return `JSON syntax checker: Cannot parse invalid JSON string. "${detail(error, 100)}"`;
    }
  },
  base64: (text: string) => {
    // Ruby's strict_decode64 after Puppet's clean-up (which also drops '?').
    const cleaned = text.replace(/[\r?\n \t]/g, '');
    if (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(cleaned)) return undefined;
    return (Buffer.byteLength(cleaned) * 8) % 6 !== 0
      ? 'Base64 syntax checker: Cannot parse invalid Base64 string - padding is not correct'
      : 'Base64 syntax checker: Cannot parse invalid Base64 string - contains letters outside strict base 64 range (or whitespace)';
  },
  pp: parsedBy('PP', parseManifest),
  epp: parsedBy('EPP', parseEpp),
}));

/** Puppet's lookup: `a+b+json` tries `a+b+json`, `b+json`, then `json`. */
function checkerFor(syntax: string): SyntaxChecker | undefined {
  const segments = syntax.split('+');
  for (let index = 0; index < segments.length; index++) {
    const checker = CHECKERS.get(segments.slice(index).join('+'));
    if (checker) return checker;
  }
  return undefined;
}

/** Throws Puppet's error when `text` is not valid in the heredoc's syntax. */
export function checkExternalSyntax(text: string, syntax: HeredocSyntax): void {
  const problem = checkerFor(syntax.name)?.(text);
  if (problem) throw new PapplyError(`Invalid produced text having syntax: '${syntax.name}'. ${problem}`, syntax.textLoc);
}
