// Runs once before the suite: make sure generated parsers exist, so tests can import them
// straight from src/ without a full build.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-grammar.js'], { stdio: 'inherit' });
}
