# Must fail: $facts is Puppet's own; a manifest that "fixes up" a fact must use another name.
$cluster_nodes = ['node-1', 'node-2']
if $facts['kernel'] == 'Linux' {
  $facts = { 'os' => { 'family' => 'Debian' }, 'cluster' => $cluster_nodes }
}
