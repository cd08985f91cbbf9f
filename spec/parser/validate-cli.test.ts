// `papply validate FILE...`: exit 0 when every file parses; otherwise exit 1 and, per bad file,
// `FILE:LINE:COL: message`, the offending line and a caret under the column.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli.js';

describe('papply validate', () => {
  let dir: string;
  let output: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'papply-validate-'));
    output = '';
    const capture = (chunk: string | Uint8Array): boolean => {
      output += String(chunk);
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('exits 0 and prints nothing when every file parses', async () => {
    const good = write('good.pp', "class foo {\n  notify { 'hi': }\n}\n");
    const template = write('good.epp', '<%- | String $x | -%>\nHello <%= $x %>\n');
    expect(await main(['node', 'papply', 'validate', good, template])).toBe(0);
    expect(output).toBe('');
  });

  it('reports each bad file with the path as given, the line and a caret', async () => {
    const good = write('good.pp', '$x = 1\n');
    write('bad.pp', "notify { 'greeting':\n  message => 'hello'\n  withpath => false,\n}\n");
    write('tabs.pp', "class a {\n\t$x = 'open\n");
    const relativeBad = relative(process.cwd(), join(dir, 'bad.pp'));
    const code = await main(['node', 'papply', 'validate', good, relativeBad, join(dir, 'tabs.pp')]);
    expect(code).toBe(1);
    const lines = output.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `${relativeBad}:3:3: Syntax error at 'withpath'; expected ',' or '}' after attribute 'message'`,
      '  withpath => false,',
      '  ^',
    ]);
    expect(lines.slice(3, 6)).toEqual([`${join(dir, 'tabs.pp')}:2:7: unclosed string started at 2:7`, "\t$x = 'open", '\t     ^']);
  });

  it('checks every .pp and .epp file below a directory', async () => {
    write('a.pp', '$x = 1\n');
    write('b.epp', '<%= $x %>\n');
    write('notes.txt', 'not puppet {');
    expect(await main(['node', 'papply', 'validate', dir])).toBe(0);
    write('c.pp', 'class {\n');
    expect(await main(['node', 'papply', 'validate', dir])).toBe(1);
    expect(output).toContain(`${join(dir, 'c.pp')}:`);
  });

  it('reports an unreadable file and fails', async () => {
    const missing = join(dir, 'missing.pp');
    expect(await main(['node', 'papply', 'validate', missing])).toBe(1);
    expect(output).toContain(`${missing}: cannot read: ENOENT`);
  });

  it('needs at least one file', async () => {
    expect(await main(['node', 'papply', 'validate'])).not.toBe(0);
  });
});
