// Every error papply reports to a user carries where it happened: a manifest position
// (file:line:col) for the compiler, the failing resource and command for apply.

export interface SourceLocation {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  offset?: number; // 0-based character offset into the file
  endOffset?: number;
}

export class PapplyError extends Error {
  readonly location?: SourceLocation;

  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PapplyError';
    this.location = location;
  }

  /** `FILE:LINE:COL: message`, or the bare message when there is no position. */
  describe(): string {
    if (!this.location) return this.message;
    const { file, line, column } = this.location;
    return `${file}:${line}:${column}: ${this.message}`;
  }
}

/** A command run on a node failed; keeps the exact argument vector and what it printed. */
export class CommandError extends PapplyError {
  constructor(
    readonly command: readonly string[],
    readonly exitCode: number | undefined,
    readonly stdout: string,
    readonly stderr: string,
    message?: string,
  ) {
    super(message ?? `command failed (exit ${exitCode ?? 'signal'}): ${command.join(' ')}${stderr.trim() ? `\n${stderr.trim()}` : ''}`);
    this.name = 'CommandError';
  }
}
