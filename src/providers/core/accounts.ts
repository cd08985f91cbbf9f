// User and group names ↔ ids on the node, from /etc/passwd and /etc/group read through the
// transport once per run.

import type { ApplyContext } from '../framework/context.js';

interface Accounts {
  users: Map<string, number>;
  groups: Map<string, number>;
}

const cacheKey = Symbol('papply.accounts');

function parse(text: string): Map<string, number> {
  const entries = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && /^\d+$/.test(id)) entries.set(name, Number(id));
  }
  return entries;
}

async function accounts(context: ApplyContext): Promise<Accounts> {
  let cached = context.cache.get(cacheKey) as Accounts | undefined;
  if (!cached) {
    const [passwd, group] = await Promise.all([context.transport.readFile('/etc/passwd'), context.transport.readFile('/etc/group')]);
    cached = { users: parse(passwd?.toString('utf8') ?? ''), groups: parse(group?.toString('utf8') ?? '') };
    context.cache.set(cacheKey, cached);
  }
  return cached;
}

export async function lookupUser(context: ApplyContext, name: string): Promise<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const uid = (await accounts(context)).users.get(name);
  if (uid === undefined) throw new Error(`Could not find user ${name}`);
  return uid;
}

export async function lookupGroup(context: ApplyContext, name: string): Promise<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const gid = (await accounts(context)).groups.get(name);
  if (gid === undefined) throw new Error(`Could not find group ${name}`);
  return gid;
}

/** The name of a uid, or the uid itself when it has none. */
export async function userName(context: ApplyContext, uid: number): Promise<string> {
  for (const [name, id] of (await accounts(context)).users) if (id === uid) return name;
  return String(uid);
}

export async function groupName(context: ApplyContext, gid: number): Promise<string> {
  for (const [name, id] of (await accounts(context)).groups) if (id === gid) return name;
  return String(gid);
}
