// `papply validate FILE...`: parses every file (manifests, and EPP templates by their .epp
// extension) and reports each syntax error as `FILE:LINE:COL: message`, the source line and a caret.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseEpp, parseManifest } from '../compiler/parser.js';
import { PapplyError } from '../errors.js';

/** The report for one file: undefined when it parses, else the error lines to print. */
export async function validateFile(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  try {
    if (path.endsWith('.epp')) parseEpp(text, path);
    else parseManifest(text, path);
    return undefined;
  } catch (error) {
    if (error instanceof PapplyError && error.location) return formatSyntaxError(error, text);
    // A parser bug must not hide the other files' reports.
    return `${path}: papply could not parse this file: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `FILE:LINE:COL: message`, then the offending source line and a caret under the column. */
export function formatSyntaxError(error: PapplyError, text: string): string {
  const { line, column } = error.location!;
  const sourceLine = (text.split('\n')[line - 1] ?? '').replace(/\r$/, '');
  // Keep tabs so the caret lines up under the same column in a terminal.
  const pad = sourceLine.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return `${error.describe()}\n${sourceLine}\n${pad}^`;
}

/** The files to check for one argument: the file itself, or every .pp/.epp below a directory. */
async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const found: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) found.push(...(await expand(child)));
    else if (/\.e?pp$/.test(entry.name)) found.push(child);
  }
  return found;
}

export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('check the syntax of Puppet manifests (.pp) and EPP templates (.epp)')
    .argument('<files...>', 'files to parse (a directory stands for every .pp and .epp file below it)')
    .action(async (paths: string[]) => {
      let failed = false;
      for (const file of (await Promise.all(paths.map(expand))).flat()) {
        const report = await validateFile(file);
        if (report === undefined) continue;
        failed = true;
        process.stdout.write(`${report}\n`);
      }
      setExitCode(failed ? 1 : 0);
    });
}
