// Generated sites in the field's style for the side-by-side benches: N services handed to
// Pacemaker through openstack_extras::pacemaker::service (modules/ of this repository), each
// instance a service + the wrapper (cs_primitive, cs_clone, OCF handler file from the ERB
// template), every fourth one cloned, plus cs_location / cs_colocation / cs_order constraints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const papplyBin = join(root, 'bin', 'papply.js');
const NODES = ['node-1', 'node-2', 'node-3'];

/** Manifest text of a site with `instances` wrapper instances; handler scripts go to `handlerDir`. */
export function wrapperSite(instances, handlerDir) {
  const lines = [
    'class profile::cluster ($handlers) {',
    "  cs_property { 'stonith-enabled': value => 'false' }",
  ];
  for (let i = 0; i < instances; i++) {
    const name = `svc${i}`;
    const clone = i % 4 === 0;
    lines.push(
      `  service { '${name}': ensure => running, enable => true }`,
      `  openstack_extras::pacemaker::service { '${name}':`,
      `    primitive_type    => 'Dummy',`,
      `    handler_root_path => $handlers,`,
      `    clone             => ${clone},`,
      `    parameters        => { 'state' => "/run/${name}.state", 'fake' => 'v${i % 10}' },`,
      `    operations        => { 'monitor' => { 'interval' => '30s', 'timeout' => '20s' } },`,
      `    metadata          => { 'resource-stickiness' => '${i % 3}' },`,
      '  }',
    );
    const rsc = clone ? `p_${name}-clone` : `p_${name}`;
    if (!clone) lines.push(`  cs_location { '${rsc}-prefers-${NODES[i % 3]}': primitive => '${rsc}', node_name => '${NODES[i % 3]}', score => '100' }`);
    if (i % 2 === 1) {
      const previous = (i - 1) % 4 === 0 ? `p_svc${i - 1}-clone` : `p_svc${i - 1}`;
      lines.push(
        `  cs_colocation { '${rsc}-with-${previous}': primitives => ['${previous}', '${rsc}'], require => [Cs_primitive['p_${name}'], Cs_primitive['p_svc${i - 1}']] }`,
        `  cs_order { '${previous}-before-${rsc}': first => '${previous}', second => '${rsc}', require => [Cs_primitive['p_${name}'], Cs_primitive['p_svc${i - 1}']] }`,
      );
    }
  }
  lines.push('}', `class { 'profile::cluster': handlers => '${handlerDir}' }`, '');
  return lines.join('\n');
}

/** Writes site.pp, facts.json and the handler directory into `dir`; returns their paths. */
export function writeWrapperSite(dir, instances) {
  const handlers = join(dir, 'handlers');
  mkdirSync(handlers, { recursive: true });
  const manifest = join(dir, `site-${instances}.pp`);
  writeFileSync(manifest, wrapperSite(instances, handlers));
  const facts = join(dir, 'facts.json');
  writeFileSync(facts, JSON.stringify({ hostname: 'node-1', fqdn: 'node-1.example.com', osfamily: 'Debian', os: { family: 'Debian' } }));
  return { manifest, facts, handlers, modulepath: join(root, 'modules') };
}
