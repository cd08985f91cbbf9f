// Facts gathered through the transport agree with facter's for the documented subset.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LocalTransport } from '../../src/backends/transport.js';
import { gatherFacts } from '../../src/engine/facts.js';

function facter(): Record<string, unknown> | undefined {
  try {
    const names = ['os', 'kernel', 'kernelrelease', 'hostname', 'processors', 'memory', 'networking', 'osfamily', 'operatingsystem', 'operatingsystemmajrelease'];
    return JSON.parse(execFileSync('facter', ['-j', ...names], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).toString());
  } catch {
    return undefined;
  }
}

describe('gatherFacts', () => {
  it('has the documented facts with facter-compatible shapes', async () => {
    const facts = (await gatherFacts(new LocalTransport())) as Record<string, any>;
    expect(typeof facts.os.family).toBe('string');
    expect(facts.os.release.full).toMatch(/^\d/);
    expect(facts.processors.count).toBeGreaterThan(0);
    expect(facts.memory.system.total_bytes).toBeGreaterThan(1024 * 1024);
    expect(facts.networking.interfaces.lo.ip).toBe('127.0.0.1');
    expect(facts.kernel).toBe('Linux');
    expect(facts.osfamily).toBe(facts.os.family);
  });

  it.skipIf(!facter())('agrees with facter on this machine', async () => {
    const expected = facter() as Record<string, any>;
    const facts = (await gatherFacts(new LocalTransport())) as Record<string, any>;
    expect(facts.os.family).toBe(expected.os.family);
    expect(facts.os.name).toBe(expected.os.name);
    expect(facts.os.release).toEqual(expected.os.release);
    expect(facts.os.architecture).toBe(expected.os.architecture);
    expect(facts.os.distro.codename).toBe(expected.os.distro.codename);
    expect(facts.kernel).toBe(expected.kernel);
    expect(facts.kernelrelease).toBe(expected.kernelrelease);
    expect(facts.hostname).toBe(expected.hostname);
    expect(facts.networking.fqdn).toBe(expected.networking.fqdn);
    expect(facts.networking.ip).toBe(expected.networking.ip);
    expect(facts.processors.count).toBe(expected.processors.count);
    expect(facts.memory.system.total_bytes).toBe(expected.memory.system.total_bytes);
    expect(facts.operatingsystemmajrelease).toBe(expected.operatingsystemmajrelease);
  }, 120_000);
});
