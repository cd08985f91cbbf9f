#!/usr/bin/env node
// Compares papply's parser with Puppet 7 on a directory of real manifests (a private corpus kept
// outside the repository): every .pp file under DIR goes through `puppet parser validate` and
// through papply's parser (dist/, so run `npm run build` first), and each disagreement is printed.
//
//   node scripts/corpus-check.js DIR [--all]
//
// --all prints every file, not only the disagreements. Exit 1 when Puppet accepts a file papply
// rejects (the important direction); rejecting what Puppet accepts is a papply bug, the other way
// round (papply lenient) is reported but does not fail.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { parseManifest } from '../dist/compiler/parser.js';

const args = process.argv.slice(2);
const showAll = args.includes('--all');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: node scripts/corpus-check.js DIR [--all]');
  process.exit(2);
}

const files = listManifests(resolve(dir));
const puppetErrors = await puppetValidate(files);

const rows = [];
for (const file of files) {
  const puppetError = puppetErrors.get(file);
  let papplyError;
  try {
    parseManifest(readFileSync(file, 'utf8'), file);
  } catch (error) {
    papplyError = error instanceof Error ? error.message : String(error);
  }
  rows.push({ file, puppetError, papplyError });
}

const puppetOk = rows.filter((r) => !r.puppetError);
const papplyOk = rows.filter((r) => !r.papplyError);
const missed = rows.filter((r) => !r.puppetError && r.papplyError);
const lenient = rows.filter((r) => r.puppetError && !r.papplyError);

for (const row of rows) {
  const verdict = `${row.puppetError ? 'REJECT' : 'accept'} ${row.papplyError ? 'REJECT' : 'accept'}`;
  const disagree = Boolean(row.puppetError) !== Boolean(row.papplyError);
  if (!showAll && !disagree) continue;
  console.log(`${disagree ? '!!' : '  '} puppet/papply ${verdict}  ${row.file}`);
  if (row.puppetError) console.log(`     puppet: ${row.puppetError}`);
  if (row.papplyError) console.log(`     papply: ${row.papplyError.split('\n')[0]}`);
}
console.log(
  `\n${files.length} files; Puppet 7 accepts ${puppetOk.length}; papply accepts ${papplyOk.length}; ` +
    `accepted by Puppet but rejected by papply: ${missed.length}; rejected by Puppet but accepted by papply: ${lenient.length}`,
);
process.exitCode = missed.length > 0 ? 1 : 0;

function listManifests(root) {
  const found = [];
  const walk = (path) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (path.endsWith('.pp')) {
      found.push(path);
    }
  };
  walk(root);
  return found;
}

// One `puppet parser validate` run over many files (Puppet's start-up dominates); it logs one
// "Could not parse ... (file: F, line: L, column: C)" error per bad file and keeps going. Some
// errors (a file that is not UTF-8) abort the whole run without naming the file: then each file of
// that chunk is validated on its own.
async function puppetValidate(paths) {
  const errors = new Map();
  const chunkSize = 200;
  for (let i = 0; i < paths.length; i += chunkSize) {
    const chunk = paths.slice(i, i + chunkSize);
    if (!(await validateChunk(chunk, errors))) {
      for (const path of chunk) await validateChunk([path], errors);
    }
  }
  return errors;
}

/** Records each file's error; false when Puppet stopped on an error it did not attribute to a file. */
async function validateChunk(chunk, errors) {
  const result = await execa('puppet', ['parser', 'validate', '--color=false', ...chunk], { reject: false });
  let complete = true;
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    const match = /^Error: (.*)\(file: (.+?)(?:, line: (\d+), column: (\d+))?\)\s*$/.exec(line);
    if (match) errors.set(match[2], `${match[1].trim()} (line ${match[3] ?? '?'}:${match[4] ?? '?'})`);
    else if (/^Error: /.test(line) && !line.startsWith("Error: Try 'puppet help")) {
      const named = chunk.find((p) => line.includes(p));
      if (named) errors.set(named, line.replace(/^Error: /, ''));
      else if (chunk.length === 1) errors.set(chunk[0], line.replace(/^Error: /, ''));
      else complete = false;
    }
  }
  return complete;
}
