// package: Debian packages. `dpkg` installs a .deb given as `source`; `apt` (default on Debian)
// installs from the configured repositories (or a local .deb `source`). State comes from one
// `dpkg-query` of every package per run (prefetch).

import { Provider, type ProviderClass } from '../framework/provider.js';
import type { ApplyContext } from '../framework/context.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import type { AttributeValue } from '../framework/type.js';

const INSTALLED = new Set(['present', 'installed']);
const GONE = new Set(['absent', 'purged']);

/** `dpkg-query` status → Puppet's ensure: a version, `absent` (config files left) or `purged`. */
export async function queryPackages(context: ApplyContext): Promise<Map<string, string>> {
  const result = await context.transport.run('dpkg-query', ['-W', '--showformat', '${Package} ${Status} ${Version}\\n']);
  const states = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const [name, , , state, version] = line.trim().split(/\s+/);
    if (!name || !state) continue;
    // dpkg-query prints `name:arch` for multi-arch packages; Puppet names them without the arch.
    const bare = name.replace(/:[a-z0-9]+$/, '');
    states.set(bare, state === 'installed' ? (version ?? 'present') : state === 'config-files' ? 'absent' : 'purged');
  }
  return states;
}

class DpkgProvider extends Provider {
  static override readonly providerName: string = 'dpkg';
  static readonly confine = { commands: ['dpkg', 'dpkg-deb', 'dpkg-query'] };
  static readonly features = ['installable', 'uninstallable', 'purgeable', 'versionable'];
  /** Version `latest` resolves to (read when needed, before insync). */
  latestVersion: string | undefined;

  static async prefetch(resources: readonly Resource[], context: ApplyContext): Promise<void> {
    const states = await queryPackages(context);
    for (const resource of resources) resource.provider.current = { ensure: states.get(resource.name) ?? 'purged' };
  }

  override async exists(): Promise<boolean> {
    return !GONE.has(String(this.current?.ensure ?? 'purged'));
  }

  override async get(property: string): Promise<AttributeValue> {
    if (property !== 'ensure') return undefined;
    if (this.resource.get('ensure') === 'latest') this.latestVersion = await this.latest();
    return this.current?.ensure ?? 'purged';
  }

  protected source(): string | undefined {
    const source = this.resource.get('source');
    return source === undefined ? undefined : String(source);
  }

  async latest(): Promise<string> {
    const source = this.source();
    if (!source) throw new Error(`To use the dpkg provider for ${this.resource.name}, you must specify a source`);
    return (await this.execute(['dpkg-deb', '--show', '--showformat', '${Version}', source])).stdout.trim();
  }

  async install(): Promise<void> {
    const source = this.source();
    if (!source) throw new Error(`To use the dpkg provider for ${this.resource.name}, you must specify a source`);
    await this.execute(['dpkg', '--force-confold', ...this.installOptions(), '-i', source]);
  }

  protected installOptions(): string[] {
    const options = this.resource.get('install_options');
    return options === undefined ? [] : (Array.isArray(options) ? options : [options]).map(String);
  }

  async uninstall(): Promise<void> {
    await this.execute(['dpkg', '-r', this.resource.name]);
  }

  async purge(): Promise<void> {
    await this.execute(['dpkg', '--purge', this.resource.name]);
  }

  override async create(): Promise<void> {
    await this.install();
    this.current = { ensure: 'present' };
  }

  override async destroy(): Promise<void> {
    await this.uninstall();
    this.current = { ensure: 'absent' };
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    if (property !== 'ensure') return;
    if (value === 'purged') await this.purge();
    else if (!GONE.has(String(value))) await this.install();
    this.current = { ensure: String(value) };
  }
}

class AptProvider extends DpkgProvider {
  static override readonly providerName = 'apt';
  static override readonly confine = { commands: ['apt-get', 'apt-cache', 'dpkg-query'] };
  static readonly defaultFor = [{ 'os.family': 'Debian' }];

  private env(): Record<string, string> {
    return { DEBIAN_FRONTEND: 'noninteractive' };
  }

  override async latest(): Promise<string> {
    const policy = await this.execute(['apt-cache', 'policy', this.resource.name]);
    const candidate = /Candidate:\s*(\S+)/.exec(policy.stdout)?.[1];
    if (!candidate || candidate === '(none)') throw new Error(`apt knows no candidate version of ${this.resource.name}`);
    return candidate;
  }

  override async install(): Promise<void> {
    const should = String(this.resource.get('ensure'));
    const source = this.source();
    // A local .deb (source) or name[=version] from the repositories.
    const target = source ?? (INSTALLED.has(should) || should === 'latest' ? this.resource.name : `${this.resource.name}=${should}`);
    await this.execute(['apt-get', '-q', '-y', '-o', 'DPkg::Options::=--force-confold', ...this.installOptions(), 'install', target], { env: this.env() });
  }

  override async uninstall(): Promise<void> {
    await this.execute(['apt-get', '-q', '-y', 'remove', this.resource.name], { env: this.env() });
  }

  override async purge(): Promise<void> {
    await this.execute(['apt-get', '-q', '-y', 'purge', this.resource.name], { env: this.env() });
  }
}

function packageProvider(resource: Resource): DpkgProvider {
  return resource.provider as DpkgProvider;
}

export const packageType = registerType(
  {
    name: 'package',
    doc: 'Debian packages (apt and dpkg providers).',
    ensurable: {
      values: ['present', 'installed', 'absent', 'purged', 'latest', /^[0-9A-Za-z.+~:-]+$/],
      defaultTo: 'installed',
      insync: (is, should, resource) => {
        const current = String(is);
        const wanted = String(should);
        if (INSTALLED.has(wanted)) return !GONE.has(current);
        if (wanted === 'absent') return GONE.has(current);
        if (wanted === 'purged') return current === 'purged';
        if (wanted === 'latest') return current === packageProvider(resource).latestVersion;
        return current === wanted;
      },
      changeMessage: (is, should) => {
        if (GONE.has(String(is)) && !GONE.has(String(should))) return 'created';
        if (should === 'absent') return 'removed';
        if (should === 'purged') return 'purged';
        return `ensure changed '${String(is)}' to '${String(should)}'`;
      },
    },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      source: { kind: 'parameter' },
      install_options: { kind: 'parameter' },
    },
  },
  [AptProvider, DpkgProvider] as ProviderClass[],
);
