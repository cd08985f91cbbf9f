# Must fail: a class given a parameter it does not declare.
class cluster_props ($stonith = false) {
  notify { "stonith ${stonith}": }
}
class { 'cluster_props':
  stonith  => true,
  no_quorum => 'ignore',
}
