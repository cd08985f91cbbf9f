// The committed golden fixtures are what Puppet 7 really produces: re-runs scripts/golden for a
// few manifests (a catalog and an error case) into a temporary directory and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const conformanceDir = dirname(fileURLToPath(import.meta.url));
const root = join(conformanceDir, '..', '..');
const samples = ['pacemaker_wrapper', 'collector_later', 'error_type_mismatch'];

function hasPuppet(): boolean {
  try {
    execFileSync('puppet', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('golden freshness: skipped, the puppet command is not installed');
    return false;
  }
}

describe.skipIf(!hasPuppet())('golden fixtures match Puppet 7', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'papply-golden-check-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('reproduces the committed fixtures', { timeout: 300_000 }, () => {
    execFileSync(join(root, 'scripts', 'golden'), samples, { env: { ...process.env, PAPPLY_GOLDEN_DIR: outDir }, stdio: 'pipe' });
    for (const name of samples) {
      const file = name.startsWith('error_') ? `${name}.error.txt` : `${name}.json`;
      expect(readFileSync(join(outDir, file), 'utf8'), file).toBe(readFileSync(join(conformanceDir, 'golden', file), 'utf8'));
    }
  });
});
