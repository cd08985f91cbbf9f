import type { Command } from 'commander';

export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('(being built)')
    .action(() => {
      process.stderr.write('papply validate: not available yet\n');
      setExitCode(1);
    });
}
