// The quoting of argument vectors for a remote shell, run for real through `sh -c` (dash) and
// `bash -c`, the way sshd hands an exec request to the login shell.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE_VALUES } from './hostile-values.js';
import { quoteShellCommand, quoteShellWord, remoteCommandLine, ShellQuoteError } from '../../src/backends/shell-quote.js';

const SHELLS = ['/bin/sh', '/bin/bash'].filter((shell) => existsSync(shell));

/** What `printf '%s\0' args` received when `commandLine` went through `shell -c`. */
function argvThrough(shell: string, commandLine: string): string[] {
  const output = execFileSync(shell, ['-c', commandLine], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

describe('quoteShellWord', () => {
  it('wraps words in single quotes and escapes embedded single quotes', () => {
    expect(quoteShellWord('plain')).toBe("'plain'");
    expect(quoteShellWord('')).toBe("''");
    expect(quoteShellWord("it's")).toBe(`'it'\\''s'`);
  });

  it('refuses a NUL byte, which no argument vector can carry', () => {
    expect(() => quoteShellWord('a\0b')).toThrow(ShellQuoteError);
  });

  it('refuses an empty command', () => {
    expect(() => quoteShellCommand([])).toThrow(/at least an executable/);
  });
});

describe.each(SHELLS)('argument vectors through %s -c', (shell) => {
  it('delivers every hostile value verbatim, one argument each', () => {
    const received = argvThrough(shell, remoteCommandLine('printf', ['%s\\0', ...HOSTILE_VALUES]));
    expect(received).toEqual(HOSTILE_VALUES);
  });

  it('does not run injected commands', () => {
    const marker = join(tmpdir(), `papply-injection-${process.pid}`);
    rmSync(marker, { force: true });
    const attempts = [`; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `\ntouch ${marker}`, `' ; touch ${marker}; '`];
    argvThrough(shell, remoteCommandLine('printf', ['%s\\0', ...attempts]));
    expect(existsSync(marker)).toBe(false);
  });

  it('passes environment values and the working directory verbatim', () => {
    const directory = mkdtempSync(join(tmpdir(), "papply quote 'dir' $(x) "));
    try {
      const value = HOSTILE_VALUES.join('|');
      const output = execFileSync(
        shell,
        ['-c', remoteCommandLine('sh', ['-c', 'printf "%s\\0%s\\0" "$PAPPLY_VALUE" "$PWD"'], { env: { PAPPLY_VALUE: value }, cwd: directory })],
        { encoding: 'utf8' },
      );
      expect(output.split('\0').slice(0, 2)).toEqual([value, directory]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('keeps the exit status of the command itself', () => {
    let status: number | undefined;
    try {
      execFileSync(shell, ['-c', remoteCommandLine('sh', ['-c', 'exit 7'])]);
    } catch (error) {
      status = (error as { status?: number }).status;
    }
    expect(status).toBe(7);
  });

  it('does not start the command when the directory cannot be entered', () => {
    const marker = join(tmpdir(), `papply-cwd-${process.pid}`);
    expect(() =>
      execFileSync(shell, ['-c', remoteCommandLine('touch', [marker], { cwd: '/nonexistent/papply' })], { stdio: 'pipe' }),
    ).toThrow();
    expect(existsSync(marker)).toBe(false);
  });

  it('round-trips arbitrary strings (property)', () => {
    const word = fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !text.includes('\0') && !/\p{Cs}/u.test(text));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        expect(argvThrough(shell, remoteCommandLine('printf', ['%s\\0', ...words]))).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });
});

describe('remoteCommandLine', () => {
  it('refuses environment names that are not identifiers', () => {
    expect(() => remoteCommandLine('true', [], { env: { 'A;B': '1' } })).toThrow(/invalid environment variable name/);
  });

  it('refuses an executable named like an option', () => {
    expect(() => remoteCommandLine('-rf', [])).toThrow(/cannot start with '-'/);
  });

  it('wraps the command in the node-side timeout when asked', () => {
    const started = Date.now();
    let status: number | undefined;
    try {
      execFileSync('/bin/sh', ['-c', remoteCommandLine('sleep', ['20'], { timeoutMs: 200 })]);
    } catch (error) {
      status = (error as { status?: number }).status;
    }
    expect(status).toBe(124); // coreutils timeout: "the command timed out"
    expect(Date.now() - started).toBeLessThan(15_000); // killed, not waited for
  });
});
