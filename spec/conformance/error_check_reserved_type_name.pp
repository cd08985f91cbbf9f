# Must fail: a define may not take the name of one of Puppet's data types.
define hash($entries = {}) {
  notify { $title: message => $entries }
}
hash { 'cluster_props': entries => { 'stonith-enabled' => false } }
