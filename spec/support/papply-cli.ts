// The papply command line run in-process (as bin/papply does), with what it prints captured, so a
// test sees the exit code and the output of a whole `papply apply ...` run.

import { vi } from 'vitest';
import { main } from '../../src/cli.js';

export interface PapplyRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `papply <args...>`; returns its exit code and what it wrote to stdout and stderr. */
export async function papply(args: string[]): Promise<PapplyRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    const code = await main(['node', 'papply', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
