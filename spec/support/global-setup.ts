// Runs once around the suite: make sure generated parsers exist, so tests can import them
// straight from src/ without a full build; under CI, take the namespace cluster down at the end
// (locally it stays up between runs, which saves its ~25 s start).
import { execFileSync } from 'node:child_process';

export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build-grammar.js'], { stdio: 'inherit' });
  return () => {
    if (process.env.CI && process.getuid?.() === 0) {
      execFileSync('scripts/cluster', ['down'], { stdio: 'inherit' });
    }
  };
}
