// Constructs met in real modules of the field (Pacemaker wrappers, HAProxy, OpenStack deployment
// code), each in a minimal manifest of our own: papply must accept exactly what Puppet 7 accepts.
// Found by running scripts/corpus-check.js over a private corpus of public modules.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/compiler/parser.js';
import { puppetExecutable, puppetValidate, type PuppetDiagnostic } from './support/puppet.js';

const ACCEPTED: Record<string, string> = {
  // Bareword keys in access, keyword-named attributes, space before the title colon.
  bareword_access_keys: "define w::vip ($vip) {\n  cs_primitive { \"vip__${name}\":\n    parameters => { 'ip' => $vip[ip], 'nic' => $vip[nic] ? { undef => 'eth0', default => $vip[nic] } },\n  }\n}\n",
  keyword_attribute_names: "ssh_authorized_key { 'k': type => 'ssh-rsa', key => 'AAAA', user => 'root' }\nexec { 'e': command => '/bin/true', unless => '/bin/false' }\nw::thing { 'x': class => 'c', node => 'n', site => 's', attr => 'a', private => true, in => 1, and => 2, inherits => 3 }\n",
  title_space_colon: "w::service { $service_name :\n  primitive_type => 'x', # trailing comment\n}\n",
  selector_undef_and_empty: "$x = $v ? {\n  undef => 'false', '' => 'false',\n  default => $v,\n}\n",
  interpolated_title_refs: "File[\"$ocf\"] -> Cs_primitive[\"p_${svc}\"] -> Service[\"p_$svc\"]\n",
  resource_into_collector: "file { '/etc/init/x.override':\n  content => 'manual',\n} -> Package <| title == $package |>\n",
  toplevel_collector_chains: "Class['corosync'] -> W::Vip <||>\nif defined(Corosync::Service['pacemaker']) {\n  Corosync::Service['pacemaker'] -> W::Vip <||>\n}\n",
  multiline_call_arguments: "$opts = merge($::w::params::defaults,\n               {'mode'   => 'http'},\n               {'option' => 'http-server-close'}\n         )\n",
  chain_of_class_declarations: "package { 'haproxy': } ->\nclass { 'w::base':\n  use_include => true,\n} ->\nclass { 'w::ocf': }\n",
  hash_comment_role_keys: "$ops = {\n  'monitor:Master' => { # name:role\n    'role' => 'Master',\n  },\n}\n",
  ensure_resource_bare_key: "ensure_resource('service_status', ['rabbitmq'], { 'ensure' => 'online', check_cmd => 'status'})\n",
  // `::` not followed by a name ends the variable: `$x`, then `::`, then `$y`.
  variable_before_double_colon: "$key = \"$module::$name\"\n$tail = \"$prefix::\"\n$both = \"${a}::${b}-$c::d\"\n",
  keyword_hash_keys_quoted: "$h = { 'class' => 1, 'node' => 2, 'default' => 3 }\n$k = { default => 1, undef => 2 }\n",
};

const REJECTED: Record<string, string> = {
  true_as_attribute_name: "w::thing { 'x': true => 1 }\n",
  false_as_attribute_name: "w::thing { 'x': false => 1 }\n",
  underscore_attribute_name: "w::thing { 'x': _hidden => 1 }\n",
  capitalised_attribute_name: "w::thing { 'x': Ensure => present }\n",
  byte_order_mark: '\uFEFFclass w::bom { }\n',
};

function papplyAccepts(text: string): boolean {
  try {
    parseManifest(text, 'corpus.pp');
    return true;
  } catch {
    return false;
  }
}

describe('real-world constructs: papply accepts what Puppet 7 accepts', () => {
  for (const [name, text] of Object.entries(ACCEPTED)) it(`accepts ${name}`, () => expect(papplyAccepts(text)).toBe(true));
  for (const [name, text] of Object.entries(REJECTED)) it(`rejects ${name}`, () => expect(papplyAccepts(text)).toBe(false));
});

describe.skipIf(!puppetExecutable)('the same manifests through puppet parser validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papply-corpus-regressions-'));
  const path = (name: string) => join(dir, `${name}.pp`);
  let verdicts = new Map<string, PuppetDiagnostic>();
  beforeAll(async () => {
    for (const [name, text] of Object.entries({ ...ACCEPTED, ...REJECTED })) writeFileSync(path(name), text);
    // Puppet names no file when it refuses a byte order mark, so that one is validated alone.
    const names = Object.keys({ ...ACCEPTED, ...REJECTED });
    verdicts = await puppetValidate(names.filter((name) => name !== 'byte_order_mark').map(path));
    for (const [file, diagnostic] of await puppetValidate([path('byte_order_mark')])) verdicts.set(file, diagnostic);
  }, 60_000);
  it('Puppet accepts every manifest papply must accept', () => {
    expect(Object.keys(ACCEPTED).filter((name) => verdicts.has(path(name)))).toEqual([]);
  });
  it('Puppet rejects every manifest papply must reject', () => {
    expect(Object.keys(REJECTED).filter((name) => !verdicts.has(path(name)))).toEqual([]);
  });
});
