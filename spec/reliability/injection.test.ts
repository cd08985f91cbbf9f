// Hostile manifest values — quotes, `;`, `$()`, backticks, newlines, `<&>"`, backslashes — reach
// the CIB (cs_primitive parameter → nvpair value), a file's content and an exec's arguments
// verbatim and never execute anything: every payload tries to create a canary file, which must
// not exist afterwards. Run twice: locally, and with every command and file operation going to a
// node over ssh (a real sshd on loopback; the remote login shell parses each command line).
// The values come both from a manifest literal and from a fact.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { XMLParser } from 'fast-xml-parser';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';
import type { Transport } from '../../src/backends/transport.js';
import { LocalTransport } from '../../src/backends/transport.js';
import { SshTransport } from '../../src/backends/ssh/ssh-transport.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

/** Puppet single-quoted string literal of `text` (only `\\` and `\'` are escapes there). */
const singleQuoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function payloads(canary: string): string[] {
  return [
    `it's "quoted" a;b; touch ${canary}`,
    `$(touch ${canary}) and \`touch ${canary}\``,
    `line one\nline two; touch ${canary}\n`,
    `<&>" &amp; <!-- --> ]]> \${IFS} back\\slash \\' end`,
    `| touch ${canary} && touch ${canary} || touch ${canary} > ${canary}`,
  ];
}

const transports: { name: string; skip?: string }[] = [{ name: 'local' }, { name: 'ssh', skip: sshdSkipReason() }];

for (const { name, skip } of transports) {
  describe.skipIf(reportSkip(skip, `injection over ${name}`))(`hostile values reach CIB, files and exec verbatim (${name})`, () => {
    let dir: string;
    let canary: string;
    let server: SshdServer | undefined;
    let transport: Transport;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'papply-injection-'));
      canary = join(dir, 'CANARY');
      if (name === 'ssh') {
        server = await SshdServer.start();
        const knownHostsFile = join(server.dir, 'known_hosts');
        writeFileSync(knownHostsFile, `${server.knownHostsLine()}\n`);
        transport = await SshTransport.connect(
          { user: server.user, host: server.host, port: server.port, label: 'node-1' },
          { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false },
        );
      } else {
        transport = new LocalTransport('node-1');
      }
    }, 120_000);
    afterAll(async () => {
      (transport as SshTransport | undefined)?.close?.();
      await server?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('every payload arrives verbatim and nothing runs', async () => {
      const values = payloads(canary);
      const facts = join(dir, 'facts.json');
      await writeFile(facts, JSON.stringify({ hostname: 'node-1', payload_fact: values[1] }));
      const lines: string[] = [];
      // Pacemaker cannot keep a newline or tab in an attribute (it writes `\n` or spaces): such a
      // value is refused for the CIB (see below); files and exec arguments take every payload.
      const storable = (value: string) => !/[\n\r\t]/.test(value);
      values.forEach((value, i) => {
        lines.push(
          `$v${i} = ${singleQuoted(value)}`,
          storable(value) ? `cs_primitive { 'p_inj${i}': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'fake' => $v${i} } }` : '',
          `file { '${dir}/content-${i}': content => $v${i} }`,
          `exec { 'argv-${i}': command => ['/bin/sh', '-c', 'printf %s "$1" > "$2"', 'sh', $v${i}, '${dir}/argv-${i}'] }`,
        );
      });
      lines.push(
        `cs_primitive { 'p_injfact': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'fake' => $facts['payload_fact'] } }`,
        `file { '${dir}/content-fact': content => "\${facts['payload_fact']}" }`,
      );
      const manifest = join(dir, 'site.pp');
      await writeFile(manifest, `${lines.join('\n')}\n`);
      const cib = join(dir, 'cib.xml');
      const run = async (file: string) => {
        const out = new PassThrough();
        let output = '';
        out.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const code = await runApply(file, { facts, nodeName: 'node-1', cibFile: cib, detailedExitcodes: true }, { stdout: out, stderr: out, transport });
        return { code, output };
      };
      const first = await run(manifest);
      expect(first.code, first.output).toBe(2);

      const parameter = async (id: string) => {
        // Pacemaker's own serialisation of the nvpair, decoded by an independent XML parser.
        const { stdout } = await execa('cibadmin', ['--query', '--xpath', `//primitive[@id='${id}']//nvpair[@name='fake']`], { env: { CIB_file: cib } });
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false }).parse(stdout) as { nvpair: { value: string } };
        return parsed.nvpair.value;
      };
      for (const [i, value] of values.entries()) {
        if (storable(value)) expect(await parameter(`p_inj${i}`)).toBe(value);
        expect(await readFile(join(dir, `content-${i}`), 'utf8')).toBe(value);
        expect(await readFile(join(dir, `argv-${i}`), 'utf8')).toBe(value);
      }
      expect(await parameter('p_injfact')).toBe(values[1]);
      expect(await readFile(join(dir, 'content-fact'), 'utf8')).toBe(values[1]);
      const verify = await execa('crm_verify', ['--xml-file', cib], { reject: false });
      expect(verify.exitCode, verify.stderr).toBe(0);
      expect(existsSync(canary), 'a payload was executed').toBe(false);

      // A second run sees everything in sync: the values read back equal the manifest's.
      const again = await run(manifest);
      expect(again.code, again.output).toBe(2); // the execs run again (no unless/creates); nothing else changes
      expect(again.output).not.toMatch(/Cs_primitive\[p_inj\w+\].*(created|changed)|File\[.*content-\w+\].*(created|changed)/);

      // A newline for the CIB: a clear error naming the resource, and the CIB stays as it was.
      const epoch = async () => /<cib [^>]*\bepoch="(\d+)"/.exec((await execa('cibadmin', ['--query'], { env: { CIB_file: cib } })).stdout)?.[1];
      const before = await epoch();
      const newline = join(dir, 'newline.pp');
      await writeFile(newline, `cs_primitive { 'p_newline': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'fake' => ${singleQuoted(values[2])} } }\n`);
      const refused = await run(newline);
      expect(refused.code & 4, refused.output).toBe(4);
      expect(refused.output).toMatch(/Cs_primitive\[p_newline\].*cannot store verbatim/);
      expect(await epoch()).toBe(before);
      expect(existsSync(canary)).toBe(false);
    }, 180_000);
  });
}
