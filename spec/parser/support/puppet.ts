// Runs the real Puppet 7 parser (`puppet parser validate` / `puppet parser dump`) so specs can
// compare papply's front end with it. Specs skip these comparisons when puppet is not installed.

import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { PN } from './puppet-pn.js';

const PUPPET_CANDIDATES = ['/usr/bin/puppet', '/opt/puppetlabs/bin/puppet'];

/** Path of the puppet executable, or undefined when Puppet is not installed. */
export const puppetExecutable: string | undefined = PUPPET_CANDIDATES.find((p) => existsSync(p));

export interface PuppetDiagnostic {
  message: string;
  line?: number;
  column?: number;
}

/**
 * Validates all files in one puppet run (puppet checks each file and reports each failure).
 * Returns the diagnostic per failing file; files absent from the map were accepted.
 */
export async function puppetValidate(files: string[]): Promise<Map<string, PuppetDiagnostic>> {
  if (!puppetExecutable) throw new Error('puppet is not installed');
  const result = await execa(puppetExecutable, ['parser', 'validate', '--color=false', ...files], { reject: false, env: { HOME: process.env.HOME ?? '/root' } });
  const failures = new Map<string, PuppetDiagnostic>();
  // Messages may span lines (an unclosed quote quotes what follows it).
  const output = `${result.stdout}\n${result.stderr}`;
  for (const entry of output.split(/^Error: /m).slice(1)) {
    const text = entry.replace(/^Could not parse for environment \w+: /, '');
    // The last position in the message is where the error is (a redefinition names the first one too).
    const positions = [...text.matchAll(/\(file: ([^,)\n]+)(?:, line: (\d+)(?:, column: (\d+))?)?\)/g)];
    const last = positions[positions.length - 1];
    if (!last) continue;
    const [, file, lineNo, column] = last;
    failures.set(file, { message: text.slice(0, positions[0].index).trim(), line: lineNo ? Number(lineNo) : undefined, column: column ? Number(column) : undefined });
  }
  if (files.length === 1 && result.exitCode !== 0 && !failures.has(files[0])) failures.set(files[0], { message: output.trim() });
  return failures;
}

/** Puppet's own AST of a file as `puppet parser dump --format json`, or undefined if dump fails. */
export async function puppetDump(file: string): Promise<PN | undefined> {
  return (await puppetDumpAll([file])).get(file);
}

/**
 * Puppet's ASTs of several files from one `puppet parser dump` run (it prints the JSON trees one
 * after the other); files whose dump fails are retried alone and left out when they fail again.
 */
export async function puppetDumpAll(files: string[]): Promise<Map<string, PN>> {
  if (!puppetExecutable) throw new Error('puppet is not installed');
  const trees = new Map<string, PN>();
  const result = await execa(puppetExecutable, ['parser', 'dump', '--format', 'json', ...files], { reject: false });
  const documents = result.exitCode === 0 ? splitJsonDocuments(result.stdout) : [];
  if (documents.length === files.length) {
    files.forEach((file, i) => trees.set(file, JSON.parse(documents[i]) as PN));
    return trees;
  }
  if (files.length === 1) return trees;
  for (const file of files) {
    const tree = (await puppetDumpAll([file])).get(file);
    if (tree !== undefined) trees.set(file, tree);
  }
  return trees;
}

/** Puppet's tree of an EPP template as `puppet epp dump --format json`, or undefined if it fails. */
export async function puppetEppDump(file: string): Promise<PN | undefined> {
  if (!puppetExecutable) throw new Error('puppet is not installed');
  const result = await execa(puppetExecutable, ['epp', 'dump', '--format', 'json', file], { reject: false });
  const documents = result.exitCode === 0 ? splitJsonDocuments(result.stdout) : [];
  return documents.length === 1 ? (JSON.parse(documents[0]) as PN) : undefined;
}

/** Splits concatenated JSON values (`{...}{...}`) at their top-level boundaries. */
function splitJsonDocuments(text: string): string[] {
  const documents: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) documents.push(text.slice(start, i + 1));
  }
  return documents;
}
