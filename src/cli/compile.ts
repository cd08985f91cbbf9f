import type { Command } from 'commander';

export function registerCompileCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('compile')
    .description('(being built)')
    .action(() => {
      process.stderr.write('papply compile: not available yet\n');
      setExitCode(1);
    });
}
