// Where to apply: `ssh://user@host[:port]` targets from the command line or a targets file.

import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { PapplyError } from '../../errors.js';

export interface SshTarget {
  user: string;
  host: string;
  port: number;
  /** Nodes sharing a serial group are applied one after another, never at the same time. */
  group?: string;
  /** Short name for output prefixes: the host, with the port when it is not 22. */
  label: string;
}

/** Parses `ssh://user@host:port` (also `user@host` or `host`); the user defaults to the local one. */
export function parseTargetUrl(text: string): SshTarget {
  const trimmed = text.trim();
  const withScheme = trimmed.includes('://') ? trimmed : `ssh://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PapplyError(`invalid target ${JSON.stringify(text)}: expected ssh://user@host[:port]`);
  }
  if (url.protocol !== 'ssh:') throw new PapplyError(`invalid target ${JSON.stringify(text)}: only ssh:// targets are supported`);
  if (!url.hostname) throw new PapplyError(`invalid target ${JSON.stringify(text)}: no host`);
  if (url.password) throw new PapplyError(`invalid target ${JSON.stringify(text)}: passwords are not accepted, use a key`);
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new PapplyError(`invalid target ${JSON.stringify(text)}: unexpected path or query`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const port = url.port ? Number(url.port) : 22;
  const user = url.username ? decodeURIComponent(url.username) : userInfo().username;
  return { user, host, port, label: port === 22 ? host : `${host}:${port}` };
}

/**
 * A targets file: one target per line, optionally followed by `group=NAME`; `#` starts a comment.
 *
 *     ssh://root@db-1   group=galera
 *     ssh://root@db-2   group=galera
 *     ssh://root@web-1
 */
export function parseTargetsFile(text: string, file: string): SshTarget[] {
  const targets: SshTarget[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [url, ...settings] = line.split(/\s+/);
    const location = { file, line: index + 1, column: 1 };
    let target: SshTarget;
    try {
      target = parseTargetUrl(url);
    } catch (error) {
      throw new PapplyError((error as Error).message, location);
    }
    for (const setting of settings) {
      const match = /^group=(.+)$/.exec(setting);
      if (!match) throw new PapplyError(`unknown target setting ${JSON.stringify(setting)} (expected group=NAME)`, location);
      target.group = match[1];
    }
    targets.push(target);
  });
  return targets;
}

export async function readTargetsFile(file: string): Promise<SshTarget[]> {
  return parseTargetsFile(await readFile(file, 'utf8'), file);
}
