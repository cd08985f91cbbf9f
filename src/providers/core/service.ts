// service: ensure running/stopped, enable, restart on refresh. Providers: `systemd` (only where
// systemd is the running init: /run/systemd/system exists), `debian` (init scripts + update-rc.d,
// the default on Debian without systemd) and `init` (init scripts only, no enable). Other
// providers (pacemaker) register with registerProvider('service', ...).

import { Provider, type ProviderClass } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';
import { splitCommandLine } from './exec.js';
import { posix as path } from 'node:path';

/**
 * What the service type needs from a provider. Providers implement status/start/stop and, when
 * they can, restart and enable/disable (feature `enableable`).
 */
export abstract class ServiceProvider extends Provider {
  abstract status(): Promise<'running' | 'stopped'>;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async enabled(): Promise<string> {
    throw new Error(`Provider ${this.providerName} cannot tell whether ${this.resource.name} is enabled`);
  }
  async enable(): Promise<void> {
    throw new Error(`Provider ${this.providerName} cannot enable services`);
  }
  async disable(): Promise<void> {
    throw new Error(`Provider ${this.providerName} cannot disable services`);
  }

  /** Timeout of start/stop/restart commands (`timeout` parameter, seconds). */
  protected timeoutMs(): number | undefined {
    const timeout = this.resource.get('timeout');
    return timeout === undefined ? undefined : Number(timeout) * 1000;
  }

  /** A custom command from the manifest (start/stop/status/restart), run without a shell. */
  protected custom(name: 'start' | 'stop' | 'status' | 'restart'): string[] | undefined {
    const command = this.resource.get(name);
    return command === undefined ? undefined : splitCommandLine(String(command));
  }

  override async get(property: string): Promise<AttributeValue> {
    if (property === 'ensure') return this.status();
    if (property === 'enable') return this.enabled();
    return undefined;
  }

  override async set(property: string, value: AttributeValue): Promise<void> {
    if (property === 'ensure') {
      if (value === 'running') await this.start();
      else await this.stop();
      // As Puppet: when ensure changes, enable is synced with it.
      const enable = this.resource.get('enable');
      if (enable !== undefined && String(await this.enabled()) !== String(enable)) await this.set('enable', enable);
      return;
    }
    if (property === 'enable') {
      if (value === 'true' || value === true) await this.enable();
      else await this.disable();
    }
  }
}

/** Init scripts: `<path>/<name> start|stop|status|restart`. */
export class InitServiceProvider extends ServiceProvider {
  static override readonly providerName: string = 'init';
  static readonly features: readonly string[] = ['refreshable'];
  private script?: string;

  protected async initScript(): Promise<string> {
    if (this.script) return this.script;
    const dirs = this.resource.get('path') as string[];
    for (const dir of dirs) {
      const candidate = path.join(dir, this.resource.name);
      if (await this.context.transport.stat(candidate)) return (this.script = candidate);
    }
    throw new Error(`Could not find init script for '${this.resource.name}'`);
  }

  async status(): Promise<'running' | 'stopped'> {
    const custom = this.custom('status');
    if (custom || this.resource.get('hasstatus') !== false) {
      const result = await this.executeUnchecked(custom ?? [await this.initScript(), 'status'], { timeoutMs: this.timeoutMs() });
      return result.exitCode === 0 ? 'running' : 'stopped';
    }
    // Without a status command: look for the process, as Puppet's base provider does.
    const pattern = String(this.resource.get('pattern') ?? this.resource.get('binary') ?? this.resource.name);
    const ps = await this.execute(['ps', '-eo', 'pid=,args=']);
    const self = String(process.pid);
    const found = ps.stdout.split('\n').some((line) => line.includes(pattern) && line.trim().split(/\s+/)[0] !== self);
    return found ? 'running' : 'stopped';
  }

  async start(): Promise<void> {
    await this.execute(this.custom('start') ?? [await this.initScript(), 'start'], { timeoutMs: this.timeoutMs() });
  }

  async stop(): Promise<void> {
    await this.execute(this.custom('stop') ?? [await this.initScript(), 'stop'], { timeoutMs: this.timeoutMs() });
  }

  override async restart(): Promise<void> {
    const custom = this.custom('restart');
    if (custom) return void (await this.execute(custom, { timeoutMs: this.timeoutMs() }));
    if (this.resource.get('hasrestart') === true) {
      await this.execute([await this.initScript(), 'restart'], { timeoutMs: this.timeoutMs() });
      return;
    }
    await super.restart();
  }
}

/** Debian: init scripts, enabled with update-rc.d (S links in runlevels 2-5). */
export class DebianServiceProvider extends InitServiceProvider {
  static override readonly providerName = 'debian';
  static override readonly features = ['refreshable', 'enableable'];
  static readonly confine = { commands: ['update-rc.d'] };
  static readonly defaultFor = [{ 'os.family': 'Debian' }];

  override async enabled(): Promise<string> {
    const found = await this.execute(['find', '/etc/rc2.d', '/etc/rc3.d', '/etc/rc4.d', '/etc/rc5.d', '-name', `S[0-9][0-9]${this.resource.name}`], { okCodes: [0, 1] });
    return found.stdout.trim() === '' ? 'false' : 'true';
  }

  override async enable(): Promise<void> {
    await this.initScript();
    await this.execute(['update-rc.d', this.resource.name, 'defaults']);
    await this.execute(['update-rc.d', this.resource.name, 'enable']);
  }

  override async disable(): Promise<void> {
    await this.initScript();
    await this.execute(['update-rc.d', this.resource.name, 'defaults']);
    await this.execute(['update-rc.d', this.resource.name, 'disable']);
  }
}

/** systemd, only where it is the running init. */
export class SystemdServiceProvider extends ServiceProvider {
  static override readonly providerName = 'systemd';
  static readonly features = ['refreshable', 'enableable', 'maskable'];
  static readonly confine = {
    commands: ['systemctl'],
    check: async (context: Parameters<NonNullable<NonNullable<ProviderClass['confine']>['check']>>[0]) =>
      (await context.transport.stat('/run/systemd/system')) ? (true as const) : 'systemd is not the running init (no /run/systemd/system)',
  };
  static readonly defaultFor = [{ 'os.family': 'Debian' }, { 'os.family': 'RedHat' }];

  private unit(): string {
    return this.resource.name.includes('.') ? this.resource.name : `${this.resource.name}.service`;
  }

  async status(): Promise<'running' | 'stopped'> {
    const custom = this.custom('status');
    const result = await this.executeUnchecked(custom ?? ['systemctl', 'is-active', '--quiet', this.unit()]);
    return result.exitCode === 0 ? 'running' : 'stopped';
  }

  async start(): Promise<void> {
    await this.execute(this.custom('start') ?? ['systemctl', 'start', this.unit()], { timeoutMs: this.timeoutMs() });
  }

  async stop(): Promise<void> {
    await this.execute(this.custom('stop') ?? ['systemctl', 'stop', this.unit()], { timeoutMs: this.timeoutMs() });
  }

  override async restart(): Promise<void> {
    await this.execute(this.custom('restart') ?? ['systemctl', 'restart', this.unit()], { timeoutMs: this.timeoutMs() });
  }

  override async enabled(): Promise<string> {
    const result = await this.executeUnchecked(['systemctl', 'is-enabled', this.unit()]);
    const state = result.stdout.trim();
    return state === 'masked' ? 'mask' : result.exitCode === 0 ? 'true' : 'false';
  }

  override async enable(): Promise<void> {
    await this.execute(['systemctl', 'unmask', this.unit()]);
    await this.execute(['systemctl', 'enable', this.unit()]);
  }

  override async disable(): Promise<void> {
    await this.execute(['systemctl', 'disable', this.unit()]);
  }
}

function serviceProvider(resource: Resource): ServiceProvider {
  return resource.provider as ServiceProvider;
}

export const serviceType = registerType(
  {
    name: 'service',
    doc: 'Services: running or stopped, enabled at boot or not, restarted on refresh.',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      ensure: {
        kind: 'property',
        values: ['running', 'stopped', 'true', 'false'],
        munge: (value) => (value === true || value === 'true' || value === 'running' ? 'running' : 'stopped'),
      },
      enable: {
        kind: 'property',
        values: ['true', 'false', 'manual', 'mask'],
        munge: (value) => String(value),
        requiredFeatures: ['enableable'],
      },
      hasstatus: booleanAttribute('parameter', true),
      hasrestart: booleanAttribute('parameter', false),
      start: { kind: 'parameter' },
      stop: { kind: 'parameter' },
      status: { kind: 'parameter' },
      restart: { kind: 'parameter' },
      pattern: { kind: 'parameter' },
      binary: { kind: 'parameter' },
      path: {
        kind: 'parameter',
        defaultTo: ['/etc/init.d'],
        munge: (value) => (Array.isArray(value) ? value : [value]).flatMap((entry) => String(entry).split(':')).filter(Boolean),
      },
      timeout: { kind: 'parameter', values: [/^\d+$/], munge: Number },
      flags: { kind: 'parameter' },
    },
    refresh: async (resource) => {
      const provider = serviceProvider(resource);
      // Only restart a running service (as Puppet).
      if ((await provider.status()) !== 'running') {
        resource.debug('Skipping restart; service is not running');
        return;
      }
      await provider.restart();
    },
  },
  [SystemdServiceProvider, DebianServiceProvider, InitServiceProvider] as ProviderClass[],
);
