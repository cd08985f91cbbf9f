// papply's command line: `papply validate`, `papply compile`, `papply apply` (the default:
// `papply site.pp` applies site.pp). Each command lives in src/cli/<command>.ts.

import { Command, CommanderError } from 'commander';
import { registerValidateCommand } from './cli/validate.js';
import { registerCompileCommand } from './cli/compile.js';
import { registerApplyCommand } from './cli/apply.js';

/** Runs papply with a full argv (node, script, ...args); resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('papply')
    .description('Compile Puppet manifests into catalogs and apply them, with Pacemaker at the heart')
    .exitOverride()
    .showHelpAfterError();
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerValidateCommand(program, setExitCode);
  registerCompileCommand(program, setExitCode);
  registerApplyCommand(program, setExitCode);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return exitCode;
}
