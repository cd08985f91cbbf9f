// Module functions in JavaScript (modules/<m>/lib/papply/functions/<name>.js) called from a
// manifest through the real compiler.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../src/compiler/compile.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'papply-modfn-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function messages(dir: string, code: string): string[] {
  const catalog = compileCatalog({ code, modulepath: [join(dir, 'modules')], nodeName: 'node-1.example.com', facts: { fqdn: 'node-1.example.com' } });
  return catalog.resources.filter((r) => r.type === 'Notify').map((r) => String(r.parameters?.message));
}

describe('module functions in JavaScript', () => {
  const dir = project({
    'modules/tools/lib/papply/functions/shout.mjs': "export default function shout(ctx, args) { return String(args[0]).toUpperCase() + '!'; }\n",
    'modules/tools/lib/papply/functions/pairs.cjs':
      "module.exports = (ctx, args) => [...args[0].entries()].map(([k, v]) => `${k}=${v}`).join(',');\n",
    'modules/tools/lib/papply/functions/scoped.js':
      "export default (ctx, args, block) => block ? block.call([ctx.lookupVariable('greeting')]) : ctx.callFunction('tools::shout', [ctx.lookupVariable('greeting')]);\n",
    'modules/tools/lib/papply/functions/broken.js': 'export const notAFunction = 1;\n',
  });

  it('calls plain and module-qualified names, ESM and CommonJS, with context and lambdas', () => {
    const code = [
      "$greeting = 'hello'",
      "notify { 'a': message => shout('hi') }",
      "notify { 'b': message => tools::pairs({ 'x' => 1, 'y' => 2 }) }",
      "notify { 'c': message => scoped() }",
      "notify { 'd': message => scoped() |$g| { \"${g} from lambda\" } }",
    ].join('\n');
    expect(messages(dir, code)).toEqual(['HI!', 'x=1,y=2', 'HELLO!', 'hello from lambda']);
  });

  it('reports a file without a function export', () => {
    expect(() => messages(dir, "notify { 'x': message => broken() }")).toThrow(/broken\.js must export a function/);
  });

  it('unknown functions stay unknown', () => {
    expect(() => messages(dir, "notify { 'x': message => nope() }")).toThrow("Unknown function: 'nope'");
  });
});
