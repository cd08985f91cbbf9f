// Broken manifests the way they break in real life: one token deleted from a realistic manifest.
// papply must reject exactly the mutants Puppet 7 rejects, and mostly on the same line.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseManifest } from '../../src/compiler/parser.js';
import { PapplyError } from '../../src/errors.js';
import { puppetExecutable, puppetValidate, type PuppetDiagnostic } from './support/puppet.js';

const realisticDir = resolve('spec/fixtures/parser/realistic');
const DELETABLE = [',', '}', '{', ':', '"', "'", '=>', '(', ')', '$', '[', ']', '|', '=', '->'];
const MUTANTS_PER_FILE = 3;

/** Deterministic pseudo-random mutants: each deletes one occurrence of one token. */
function mutants(): { name: string; text: string }[] {
  let seed = 20_251_126;
  const random = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const out: { name: string; text: string }[] = [];
  for (const file of readdirSync(realisticDir).filter((f) => f.endsWith('.pp')).sort()) {
    const text = readFileSync(join(realisticDir, file), 'utf8');
    const present = DELETABLE.filter((t) => text.includes(t));
    for (let i = 0; i < MUTANTS_PER_FILE; i++) {
      const token = present[random(present.length)];
      const positions: number[] = [];
      for (let p = text.indexOf(token); p !== -1; p = text.indexOf(token, p + 1)) positions.push(p);
      const at = positions[random(positions.length)];
      out.push({ name: `${file.replace(/\.pp$/, '')}-${i}.pp`, text: text.slice(0, at) + text.slice(at + token.length) });
    }
  }
  return out;
}

function papplyVerdict(file: string, text: string): PapplyError | undefined {
  try {
    parseManifest(text, file);
    return undefined;
  } catch (error) {
    if (error instanceof PapplyError) return error;
    throw error;
  }
}

describe.skipIf(!puppetExecutable)('mutated manifests against Puppet 7', () => {
  if (!puppetExecutable) console.log('skipping mutant comparison: puppet is not installed');

  it('rejects exactly what Puppet rejects, on the same line in most cases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papply-mutants-'));
    try {
      const cases = mutants().map(({ name, text }) => {
        const file = join(dir, name);
        writeFileSync(file, text);
        return { file, text };
      });
      // One puppet run per file: a run over several files stops at some errors and would hide the rest.
      const theirs = new Map<string, PuppetDiagnostic | undefined>();
      const queue = [...cases];
      await Promise.all(
        [1, 2, 3].map(async () => {
          for (let c = queue.shift(); c; c = queue.shift()) theirs.set(c.file, (await puppetValidate([c.file])).get(c.file));
        }),
      );
      let bothRejected = 0;
      let sameLine = 0;
      for (const { file, text } of cases) {
        const ours = papplyVerdict(file, text);
        const puppets = theirs.get(file);
        expect(ours === undefined, `${file}: papply ${ours ? `rejects: ${ours.describe()}` : 'accepts'}, puppet ${puppets ? `rejects: ${puppets.message}` : 'accepts'}`).toBe(puppets === undefined);
        if (ours && puppets) {
          bothRejected++;
          if (puppets.line === undefined || puppets.line === ours.location?.line) sameLine++;
        }
      }
      expect(bothRejected).toBeGreaterThan(cases.length / 2);
      expect(sameLine / bothRejected).toBeGreaterThanOrEqual(0.85);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
