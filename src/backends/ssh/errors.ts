// What went wrong with a node's ssh connection, in words an operator can act on.

import { PapplyError } from '../../errors.js';

export type SshFailureKind =
  | 'auth-refused'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'connection-refused'
  | 'timeout'
  | 'unreachable'
  | 'connection-lost'
  | 'bad-identity'
  | 'protocol';

export class SshConnectionError extends PapplyError {
  constructor(
    readonly node: string,
    readonly kind: SshFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${node}: ${message}`, undefined, options);
    this.name = 'SshConnectionError';
  }
}

/** A remote file operation failed (sftp status or a helper command). */
export class RemoteFileError extends PapplyError {
  constructor(
    readonly node: string,
    readonly operation: string,
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${node}: ${operation} ${path}: ${reason}`, undefined, options);
    this.name = 'RemoteFileError';
  }
}
