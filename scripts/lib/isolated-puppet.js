// Shared by the golden-* scripts: Puppet literals for fixture values, and `puppet apply` runs that
// keep their conf/var/code/log/run directories in a temporary directory, so the machine's own
// Puppet setup neither leaks into nor is changed by the expected results.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JSON value as a Puppet literal. */
export function literal(value) {
  if (value === null) return 'undef';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${literal(k)} => ${literal(v)}`).join(', ')}}`;
}

/**
 * Calls `body(work)` with a fresh temporary directory (prefix `prefix`) and removes it afterwards.
 * `work` is where the manifests go and where isolatedApply keeps Puppet's own directories.
 */
export function withWorkDirectory(prefix, body) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  try {
    body(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `puppet apply --color=false <args...> <manifestFile>` with Puppet's directories inside `work`;
 * prints `ok   <name>`, or `FAIL <name>` with Puppet's output and sets a failing exit code.
 */
export function isolatedApply(name, work, args, manifestFile, options = {}) {
  try {
    execFileSync('puppet', ['apply', '--color=false', ...args,
      '--confdir', join(work, 'conf'), '--vardir', join(work, 'var'), '--codedir', join(work, 'code'), '--logdir', join(work, 'log'),
      '--rundir', join(work, 'run'), manifestFile], { ...options, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(`ok   ${name}`);
  } catch (error) {
    console.log(`FAIL ${name}\n${error.stdout}${error.stderr}`);
    process.exitCode = 1;
  }
}
