// Quoting for a remote POSIX shell. An ssh "exec" request carries one string that the remote
// user's login shell parses (`$SHELL -c STRING`), so an argument vector must be turned into a
// command line whose words come out verbatim on the other side, whatever the values contain.
//
// The rule: every word is wrapped in single quotes, and a single quote inside is written as
// `'\''` (close, escaped quote, reopen). Inside single quotes a POSIX shell (sh, dash, bash, ksh,
// zsh) interprets nothing: no `$`, backtick, backslash, glob or newline handling. csh/tcsh and fish
// login shells are not supported (csh rejects newlines inside quotes, fish treats `\'` differently).

export class ShellQuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellQuoteError';
  }
}

/** Quotes one word for a POSIX shell. NUL cannot be part of an argument and is refused. */
export function quoteShellWord(word: string): string {
  if (word.includes('\0')) throw new ShellQuoteError(`an argument cannot contain a NUL byte: ${JSON.stringify(word)}`);
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes every word and joins them with spaces: the shell sees exactly these words. */
export function quoteShellCommand(words: readonly string[]): string {
  if (words.length === 0) throw new ShellQuoteError('a command needs at least an executable');
  return words.map(quoteShellWord).join(' ');
}

const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface RemoteCommandOptions {
  /** Directory to run in; the command does not start if it cannot be entered. */
  cwd?: string;
  /** Variables added to the command's environment. */
  env?: Record<string, string>;
  /**
   * Kill the command on the node after this many milliseconds (coreutils `timeout`: TERM, then
   * KILL 2 s later). Done remotely because sshd ignores the ssh "signal" request in root sessions.
   */
  timeoutMs?: number;
}

/**
 * The command line for `file args...` to be handed to a remote login shell.
 * `exec` replaces the shell with the command, so the exit status is the command's own and no
 * shell lingers on the node.
 */
export function remoteCommandLine(file: string, args: readonly string[], options: RemoteCommandOptions = {}): string {
  // dash's `exec` takes no `--`, so an executable named like an option cannot be run safely.
  if (file.startsWith('-')) throw new ShellQuoteError(`an executable name cannot start with '-': ${JSON.stringify(file)}`);
  const parts: string[] = [];
  if (options.cwd !== undefined) parts.push(`cd -- ${quoteShellWord(options.cwd)} &&`);
  parts.push('exec');
  if (options.timeoutMs !== undefined) {
    if (!(options.timeoutMs > 0)) throw new ShellQuoteError(`a command timeout must be positive, got ${options.timeoutMs} ms`);
    parts.push('timeout', '-k', '2', String(Math.ceil(options.timeoutMs) / 1000));
  }
  const assignments = Object.entries(options.env ?? {});
  if (assignments.length > 0) {
    for (const [name] of assignments) {
      if (!ENVIRONMENT_NAME.test(name)) throw new ShellQuoteError(`invalid environment variable name: ${JSON.stringify(name)}`);
    }
    // `env NAME=VALUE... FILE` rather than shell assignments: the words stay quoted data.
    parts.push('env', ...assignments.map(([name, value]) => quoteShellWord(`${name}=${value}`)));
    // env would read an executable name containing '=' as one more assignment.
    if (file.includes('=')) throw new ShellQuoteError(`an executable name with '=' cannot be run with an environment: ${JSON.stringify(file)}`);
  }
  parts.push(quoteShellCommand([file, ...args]));
  return parts.join(' ');
}
