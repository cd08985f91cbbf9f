// Ruby as an oracle: tests compare papply's emulation of Ruby-produced output (ERB, to_json,
// to_yaml, Random) with Ruby itself, and skip those comparisons where ruby is not installed.

import { execFileSync } from 'node:child_process';

/** Whether a `ruby` executable runs on this machine. */
export function hasRuby(): boolean {
  try {
    execFileSync('ruby', ['-e', '1']);
    return true;
  } catch {
    return false;
  }
}
