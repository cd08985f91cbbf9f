// Facts gathered from a node through its Transport: a documented subset of facter's, with the
// same names and shapes (structured facts plus the legacy top-level names old manifests use).
//
//   os:          { name, family, architecture, hardware, release: { full, major, minor },
//                  distro: { codename, id, description, release: { full, major, minor } } }
//   networking:  { hostname, domain, fqdn, ip, ip6, mac, primary,
//                  interfaces: { <name>: { ip, ip6, mac, mtu, netmask, network, bindings: [...] } } }
//   kernel, kernelrelease, kernelversion, kernelmajversion
//   processors:  { count, physicalcount?, models }
//   memory:      { system: { total_bytes, total, available_bytes, available } }
//   hostname, fqdn, domain, path, timezone?
//   legacy:      osfamily, operatingsystem, operatingsystemrelease, operatingsystemmajrelease,
//                lsbdistcodename, architecture, hardwaremodel, ipaddress, ipaddress_<if>,
//                macaddress, processorcount, memorysize_mb, interfaces (comma separated)

import type { Transport } from '../backends/transport.js';

type Facts = Record<string, unknown>;

async function read(transport: Transport, path: string): Promise<string> {
  return (await transport.readFile(path))?.toString('utf8') ?? '';
}

async function output(transport: Transport, command: string, args: string[]): Promise<string> {
  try {
    const result = await transport.run(command, args);
    return result.exitCode === 0 ? result.stdout.trim() : '';
  } catch {
    return '';
  }
}

function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return fields;
}

const FAMILIES: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Debian',
  rhel: 'RedHat',
  centos: 'RedHat',
  fedora: 'RedHat',
  rocky: 'RedHat',
  almalinux: 'RedHat',
  suse: 'Suse',
  sles: 'Suse',
  opensuse: 'Suse',
  arch: 'Archlinux',
  alpine: 'Alpine',
  gentoo: 'Gentoo',
};

function releaseParts(full: string): { full: string; major: string; minor?: string } {
  const [major, minor] = full.split('.');
  return minor === undefined ? { full, major: major ?? full } : { full, major: major!, minor };
}

function humanBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

interface IpAddressEntry {
  ifname: string;
  address?: string;
  mtu?: number;
  link_type?: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
}

function ipv4Netmask(prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.');
}

function ipv4Network(address: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  const value = address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0) & mask;
  return [24, 16, 8, 0].map((shift) => ((value >>> 0) >>> shift) & 255).join('.');
}

async function gatherNetworking(transport: Transport, hostname: string, domain: string | undefined): Promise<Facts> {
  const interfaces: Record<string, Facts> = {};
  const raw = await output(transport, 'ip', ['-j', 'addr', 'show']);
  let entries: IpAddressEntry[] = [];
  try {
    entries = raw ? (JSON.parse(raw) as IpAddressEntry[]) : [];
  } catch {
    entries = [];
  }
  for (const entry of entries) {
    const v4 = (entry.addr_info ?? []).filter((a) => a.family === 'inet');
    const v6 = (entry.addr_info ?? []).filter((a) => a.family === 'inet6');
    const info: Facts = { mtu: entry.mtu };
    if (entry.address && entry.link_type !== 'loopback') info.mac = entry.address;
    if (v4[0]) {
      info.ip = v4[0].local;
      info.netmask = ipv4Netmask(v4[0].prefixlen);
      info.network = ipv4Network(v4[0].local, v4[0].prefixlen);
      info.bindings = v4.map((a) => ({ address: a.local, netmask: ipv4Netmask(a.prefixlen), network: ipv4Network(a.local, a.prefixlen) }));
    }
    if (v6[0]) {
      info.ip6 = v6[0].local;
      info.bindings6 = v6.map((a) => ({ address: a.local }));
    }
    interfaces[entry.ifname] = info;
  }
  // Primary interface: the one of the default route, else the first non-loopback with an address.
  const route = await output(transport, 'ip', ['-j', 'route', 'show', 'default']);
  let primary: string | undefined;
  try {
    primary = (JSON.parse(route || '[]') as { dev?: string }[])[0]?.dev;
  } catch {
    primary = undefined;
  }
  primary ??= Object.keys(interfaces).find((name) => name !== 'lo' && interfaces[name]!.ip !== undefined) ?? (interfaces.lo ? 'lo' : undefined);
  const primaryInfo = primary ? interfaces[primary] : undefined;
  const networking: Facts = {
    hostname,
    fqdn: domain ? `${hostname}.${domain}` : hostname,
    interfaces,
    primary,
    ip: primaryInfo?.ip,
    ip6: primaryInfo?.ip6,
    mac: primaryInfo?.mac,
    netmask: primaryInfo?.netmask,
    network: primaryInfo?.network,
  };
  if (domain) networking.domain = domain;
  return networking;
}

async function findDomain(transport: Transport, nodeName: string): Promise<string | undefined> {
  if (nodeName.includes('.')) return nodeName.slice(nodeName.indexOf('.') + 1);
  const full = await output(transport, 'hostname', ['-f']);
  if (full.includes('.')) return full.slice(full.indexOf('.') + 1);
  const resolv = await read(transport, '/etc/resolv.conf');
  const match = /^\s*(?:domain|search)\s+(\S+)/m.exec(resolv);
  return match?.[1];
}

/** Gathers facts from the node `transport` acts on. Missing sources leave facts out, as facter does. */
export async function gatherFacts(transport: Transport): Promise<Facts> {
  const [uname, kernelrelease, machine, dpkgArch] = await Promise.all([
    output(transport, 'uname', ['-n']),
    output(transport, 'uname', ['-r']),
    output(transport, 'uname', ['-m']),
    output(transport, 'dpkg', ['--print-architecture']),
  ]);
  const kernel = (await output(transport, 'uname', ['-s'])) || 'Linux';
  const hostname = uname.split('.')[0] ?? uname;
  const domain = await findDomain(transport, uname);
  const fqdn = domain ? `${hostname}.${domain}` : hostname;

  const osRelease = parseOsRelease(await read(transport, '/etc/os-release'));
  const id = (osRelease.ID ?? 'linux').toLowerCase();
  const family = FAMILIES[id] ?? (osRelease.ID_LIKE ?? '').split(/\s+/).map((like) => FAMILIES[like]).find(Boolean) ?? kernel;
  const name = id === 'rhel' ? 'RedHat' : id.charAt(0).toUpperCase() + id.slice(1);
  const debianVersion = id === 'debian' ? (await read(transport, '/etc/debian_version')).trim() : '';
  const releaseFull = /^\d/.test(debianVersion) ? debianVersion : (osRelease.VERSION_ID ?? '');
  const release = releaseParts(releaseFull);
  const architecture = dpkgArch || machine;

  const cpuinfo = await read(transport, '/proc/cpuinfo');
  const models = [...cpuinfo.matchAll(/^model name\s*:\s*(.*)$/gm)].map((m) => m[1]!);
  const count = [...cpuinfo.matchAll(/^processor\s*:/gm)].length || Number(await output(transport, 'nproc', [])) || 1;

  const meminfo = await read(transport, '/proc/meminfo');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0) * 1024;
  const totalBytes = kib('MemTotal');
  const availableBytes = kib('MemAvailable');

  const networking = await gatherNetworking(transport, hostname, domain);
  const interfaces = networking.interfaces as Record<string, Facts>;

  const facts: Facts = {
    os: {
      name,
      family,
      architecture,
      hardware: machine,
      release,
      distro: {
        id: osRelease.NAME?.split(' ')[0] ?? name,
        codename: osRelease.VERSION_CODENAME,
        description: osRelease.PRETTY_NAME,
        release,
      },
    },
    networking,
    kernel,
    kernelrelease,
    kernelversion: kernelrelease.split('-')[0],
    kernelmajversion: kernelrelease.split('.').slice(0, 2).join('.'),
    processors: { count, models },
    memory: {
      system: { total_bytes: totalBytes, total: humanBytes(totalBytes), available_bytes: availableBytes, available: humanBytes(availableBytes) },
    },
    hostname,
    fqdn,
    path: (await output(transport, 'sh', ['-c', 'printf %s "$PATH"'])) || '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    // Legacy top-level facts (Puppet 3 style manifests use `$::osfamily`, `$::ipaddress` ...).
    osfamily: family,
    operatingsystem: name,
    operatingsystemrelease: release.full,
    operatingsystemmajrelease: release.major,
    lsbdistcodename: osRelease.VERSION_CODENAME,
    architecture,
    hardwaremodel: machine,
    ipaddress: networking.ip,
    macaddress: networking.mac,
    processorcount: count,
    memorysize_mb: Math.round(totalBytes / 1024 / 1024),
    interfaces: Object.keys(interfaces).join(','),
  };
  if (domain) facts.domain = domain;
  for (const [name, info] of Object.entries(interfaces)) {
    if (info.ip) facts[`ipaddress_${name}`] = info.ip;
    if (info.mac) facts[`macaddress_${name}`] = info.mac;
  }
  // Facter leaves out facts it cannot resolve; so do we.
  return JSON.parse(JSON.stringify(facts)) as Facts;
}
