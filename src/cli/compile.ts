// `papply compile MANIFEST`: compiles a manifest into Puppet's catalog JSON (stdout or --out).
// Errors are printed as `FILE:LINE:COL: message` with exit code 1; nothing else is written.

import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { LocalTransport } from '../backends/transport.js';
import { compileToJson } from '../compiler/compile.js';
import { gatherFacts } from '../engine/facts.js';
import { PapplyError } from '../errors.js';
import { commandLineHieraConfig } from '../compiler/hiera/index.js';

interface CompileCommandOptions {
  modulepath: string;
  nodeName?: string;
  facts?: string;
  hieraConfig?: string;
  out?: string;
  strictVariables?: boolean;
}

/** Facts from a JSON or YAML file (YAML parses JSON too); must be a mapping. */
async function readFacts(path: string): Promise<Record<string, unknown>> {
  const parsed: unknown = parseYaml(await readFile(path, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PapplyError(`${path}: facts must be a mapping of fact names to values`);
  return parsed as Record<string, unknown>;
}

/** A reader that stops early (`papply compile site.pp | head`) is not an error: like cat, stop writing. */
function ignoreBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

/**
 * Where the catalog text goes, in chunks of about 64 KiB as it is produced (the whole text of a
 * large catalog would cost its size twice: string and buffer). `--out` is opened at the first
 * chunk, so a compile error leaves it untouched.
 */
class CatalogOutput {
  private pending: string[] = [];
  private pendingLength = 0;
  private fd?: number;

  constructor(private readonly path: string | undefined) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 65536) this.flush();
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.path) {
      if (!process.stdout.listeners('error').includes(ignoreBrokenPipe)) process.stdout.on('error', ignoreBrokenPipe);
      // Synchronous for files and pipes on Linux; nothing more once a reader (`| head`) has gone.
      if (!process.stdout.destroyed) process.stdout.write(chunk);
      return;
    }
    this.fd ??= openSync(this.path, 'w');
    const bytes = Buffer.from(chunk);
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
  }
}

export function registerCompileCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('compile')
    .description('compile a manifest into a catalog (Puppet 7 JSON) without changing anything')
    .argument('<manifest>', 'the main manifest (site.pp)')
    .option('--modulepath <dirs>', 'colon-separated module directories', './modules')
    .option('--node-name <name>', 'the certname to compile for (default: the fqdn fact)')
    .option('--facts <file>', 'facts as JSON or YAML (default: this machine\'s facts)')
    .option('--hiera-config <file>', 'hiera.yaml (default: ./hiera.yaml when present)')
    .option('--strict-variables', 'unknown variables are errors')
    .option('--out <file>', 'write the catalog to this file instead of stdout')
    .action(async (manifest: string, options: CompileCommandOptions) => {
      try {
        const facts = options.facts ? await readFacts(options.facts) : await gatherFacts(new LocalTransport(hostname()));
        const hieraConfig = commandLineHieraConfig(options.hieraConfig);
        const output = new CatalogOutput(options.out);
        compileToJson({
          manifest,
          modulepath: options.modulepath.split(':').filter(Boolean),
          nodeName: options.nodeName,
          facts,
          hieraConfig,
          strictVariables: options.strictVariables,
          onWarning: (message) => process.stderr.write(`Warning: ${message}\n`),
        }, (text) => output.write(text));
        output.close();
      } catch (error) {
        const systemError = error instanceof Error && 'code' in error && 'path' in error;
        if (!(error instanceof PapplyError) && !systemError) throw error;
        process.stderr.write(`${error instanceof PapplyError ? error.describe() : `papply compile: ${error.message}`}\n`);
        setExitCode(1);
      }
    });
}
