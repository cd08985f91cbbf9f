// `papply apply MANIFEST` (also plain `papply MANIFEST`): compile, then apply, like `puppet apply`.
// `--catalog FILE` applies a catalog JSON instead (papply's or one compiled by real Puppet).
// Exit codes as puppet apply: 1 when nothing could be applied (compile error, invalid catalog,
// cycle, unusable provider); otherwise 0, or with --detailed-exitcodes 2 changes / 4 failures / 6.

import { Command, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PapplyError } from '../errors.js';
import { LocalTransport, type Transport } from '../backends/transport.js';
import type { Catalog } from '../compiler/catalog.js';
import { compileCatalog } from '../compiler/compile.js';
import { applyCatalog } from '../engine/apply.js';
import { gatherFacts } from '../engine/facts.js';
import { RunLog } from '../engine/log.js';
import { exitCodeOf, summaryLine, summaryLines } from '../engine/report.js';
import { applyOptionDefinitions } from '../providers/framework/options.js';
import type { LogLevel } from '../providers/framework/resource.js';
import { addRemoteApplyOptions, runRemoteApply, wantsRemoteApply } from '../remote/remote-apply.js';
import { commandLineHieraConfig } from '../compiler/hiera/index.js';

export interface ApplyCliOptions {
  modulepath?: string;
  facts?: string;
  nodeName?: string;
  noop?: boolean;
  detailedExitcodes?: boolean;
  report?: string;
  debug?: boolean;
  verbose?: boolean;
  tags?: string;
  skipTags?: string;
  hieraConfig?: string;
  catalog?: string;
  /** Manifest code given on the command line (`-e`). */
  execute?: string;
  summarize?: boolean;
  showDiff?: boolean;
  /** Options registered by provider modules (registerApplyOption). */
  [extra: string]: unknown;
}

export interface ApplyStreams {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  transport?: Transport;
}

const OWN_OPTIONS = new Set(['modulepath', 'facts', 'nodeName', 'noop', 'detailedExitcodes', 'report', 'debug', 'verbose', 'tags', 'skipTags', 'hieraConfig', 'catalog', 'execute', 'summarize']);

async function loadFactsFile(path: string): Promise<Record<string, unknown>> {
  const text = await fs.readFile(path, 'utf8');
  // Puppet's fact YAML files carry a Ruby tag and keep the facts under `values`.
  const parsed = parseYaml(text.replace(/^--- !ruby\/object:\S+/m, '---')) as Record<string, unknown> | null;
  if (!parsed || typeof parsed !== 'object') throw new PapplyError(`${path}: not a facts file (expected a YAML or JSON hash)`);
  const values = parsed.values;
  return values && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>) : parsed;
}

function splitList(value: string | undefined): string[] | undefined {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined;
}

/** Runs one apply; resolves with the exit code. */
export async function runApply(manifest: string | undefined, options: ApplyCliOptions, streams: ApplyStreams = {}): Promise<number> {
  const level: LogLevel = options.debug ? 'debug' : options.verbose ? 'info' : 'notice';
  const log = new RunLog({ level, stdout: streams.stdout, stderr: streams.stderr });
  try {
    if (!manifest && !options.catalog && options.execute === undefined) throw new PapplyError('papply apply: give a manifest file, -e CODE or --catalog FILE');
    const transport = streams.transport ?? new LocalTransport(options.nodeName ?? 'localhost');
    const gathered = await gatherFacts(transport);
    const facts = options.facts ? { ...gathered, ...(await loadFactsFile(options.facts)) } : gathered;
    const networking = facts.networking as { fqdn?: string } | undefined;
    const nodeName = (options.nodeName ?? networking?.fqdn ?? String(facts.fqdn ?? facts.hostname ?? 'localhost')).toLowerCase();
    // As the compiler: ./modules unless told otherwise.
    const modulepath = (options.modulepath ?? 'modules').split(':').filter(Boolean).map((dir) => resolve(dir));

    let catalog: Catalog;
    if (options.catalog) {
      catalog = JSON.parse(await fs.readFile(options.catalog, 'utf8')) as Catalog;
    } else {
      const started = performance.now();
      // A manifest that does not compile throws here: nothing has been applied.
      catalog = compileCatalog({
        manifest,
        code: options.execute,
        modulepath,
        nodeName,
        facts,
        hieraConfig: commandLineHieraConfig(options.hieraConfig),
        onWarning: (message) => log.warning(message),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      log.notice(`Compiled catalog for ${nodeName} in environment ${catalog.environment ?? 'production'} in ${seconds} seconds`);
    }

    const extra: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(options)) if (!OWN_OPTIONS.has(name)) extra[name] = value;
    const report = await applyCatalog(catalog, {
      facts,
      nodeName,
      transport,
      noop: Boolean(options.noop),
      tags: splitList(options.tags),
      skipTags: splitList(options.skipTags),
      modulepath,
      options: extra,
      log,
    });
    log.notice(`Applied catalog in ${(report.metrics.time.total ?? 0).toFixed(2)} seconds`);
    log.notice(summaryLine(report));
    if (options.summarize) (streams.stdout ?? process.stdout).write(`${summaryLines(report).join('\n')}\n`);
    if (options.report) await fs.writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
    return exitCodeOf(report, Boolean(options.detailedExitcodes));
  } catch (error) {
    if (error instanceof PapplyError) {
      for (const line of error.describe().split('\n')) log.err(line);
      return 1;
    }
    log.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

export function registerApplyCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('apply', { isDefault: true })
    .description('Compile a manifest (or read a catalog) and apply it to this node, like puppet apply')
    .argument('[manifest]', 'manifest file to compile and apply')
    .option('--modulepath <dirs>', 'module directories, separated by colons')
    .option('--facts <file>', 'YAML or JSON facts overriding the facts gathered from this machine')
    .option('--node-name <name>', 'node name to compile for (default: the fqdn fact)')
    .option('--noop', 'show what would change without changing anything')
    .option('--detailed-exitcodes', 'exit 2 when something changed, 4 on failures, 6 for both')
    .option('--report <file>', 'write the run report as JSON')
    .option('--debug', 'print debug messages')
    .option('-v, --verbose', 'print informational messages')
    .option('--tags <tags>', 'only apply resources with one of these tags (comma separated)')
    .option('--skip-tags <tags>', 'do not apply resources with one of these tags (comma separated)')
    .option('--hiera-config <file>', 'hiera.yaml (default: ./hiera.yaml when present)')
    .option('--catalog <file>', 'apply this catalog JSON instead of compiling a manifest')
    .option('-e, --execute <code>', 'compile and apply this manifest code')
    .option('--summarize', 'print a summary of the run')
    .option('--show-diff', 'print the diff of file content changes');
  for (const definition of applyOptionDefinitions()) {
    const option = new Option(definition.flags, definition.description);
    if (definition.defaultValue !== undefined) option.default(definition.defaultValue);
    if (definition.parse) option.argParser(definition.parse);
    command.addOption(option);
  }
  // --target / --targets-file: the same apply on remote nodes over ssh (src/remote/remote-apply.ts).
  addRemoteApplyOptions(command);
  command.action(async (manifest: string | undefined, options: ApplyCliOptions) => {
    if (wantsRemoteApply(options)) {
      setExitCode(await runRemoteApply(options, (streams) => runApply(manifest, options, streams)));
      return;
    }
    setExitCode(await runApply(manifest, options));
  });
}
