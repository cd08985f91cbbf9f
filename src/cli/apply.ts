import type { Command } from 'commander';

export function registerApplyCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('apply')
    .description('(being built)')
    .action(() => {
      process.stderr.write('papply apply: not available yet\n');
      setExitCode(1);
    });
}
