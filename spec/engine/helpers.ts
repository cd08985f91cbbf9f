// Test helpers: catalogs written the way Puppet writes them (Stage[main] → Class[main] → ...),
// and applying them with captured output.

import { Writable } from 'node:stream';
import type { Catalog, CatalogResource, CatalogValue } from '../../src/compiler/catalog.js';
import { applyCatalog, type ApplyCatalogOptions } from '../../src/engine/apply.js';
import { RunLog } from '../../src/engine/log.js';
import type { Report } from '../../src/engine/report.js';
import type { LogLevel } from '../../src/providers/framework/resource.js';

export interface Declared {
  type: string;
  title: string;
  parameters?: Record<string, CatalogValue>;
  /** Container ref; default Class[main]. */
  in?: string;
  tags?: string[];
}

function capitalize(type: string): string {
  return type
    .split('::')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('::');
}

/** A catalog with Stage[main] and Class[main]; `containers` are extra classes/defines (ref → parent). */
export function catalogOf(resources: Declared[], containers: Record<string, string> = {}): Catalog {
  const entries: CatalogResource[] = [
    { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: { name: 'main' } },
    { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: { name: 'main' } },
  ];
  const edges = [{ source: 'Stage[main]', target: 'Class[main]' }];
  for (const [ref, parent] of Object.entries(containers)) {
    const match = /^([^[]+)\[(.*)\]$/.exec(ref)!;
    entries.push({ type: match[1]!, title: match[2]!, tags: [match[1]!.toLowerCase()], exported: false });
    edges.push({ source: parent, target: ref });
  }
  for (const declared of resources) {
    const type = capitalize(declared.type);
    entries.push({
      type,
      title: declared.title,
      tags: declared.tags ?? [declared.type.toLowerCase(), 'class'],
      file: '/spec/site.pp',
      line: 1,
      exported: false,
      parameters: declared.parameters,
    });
    edges.push({ source: declared.in ?? 'Class[main]', target: `${type}[${declared.title}]` });
  }
  return {
    tags: ['settings'],
    name: 'spec.example.org',
    version: 1,
    code_id: null,
    catalog_uuid: '00000000-0000-0000-0000-000000000000',
    catalog_format: 2,
    environment: 'production',
    resources: entries,
    edges,
    classes: ['settings'],
  };
}

export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface Applied {
  report: Report;
  stdout: string;
  stderr: string;
  /** Every message (all levels) as `Level: source: message`. */
  lines: string[];
}

export async function apply(catalog: Catalog, options: Partial<ApplyCatalogOptions> & { level?: LogLevel } = {}): Promise<Applied> {
  const stdout = new Capture();
  const stderr = new Capture();
  const log = new RunLog({ level: options.level ?? 'notice', stdout, stderr });
  const report = await applyCatalog(catalog, {
    facts: { os: { family: 'Debian', name: 'Debian' }, kernel: 'Linux' },
    nodeName: 'spec.example.org',
    log,
    ...options,
  });
  const label: Record<LogLevel, string> = { debug: 'Debug', info: 'Info', notice: 'Notice', warning: 'Warning', err: 'Error' };
  const lines = log.entries.map((e) => `${label[e.level]}: ${e.source === 'Puppet' ? '' : `${e.source}: `}${e.message}`);
  return { report, stdout: stdout.text, stderr: stderr.text, lines };
}
