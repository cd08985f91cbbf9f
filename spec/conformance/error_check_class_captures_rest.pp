# `*$rest` only exists for functions and lambdas.
class profile::galera(String $cluster_name, *$nodes) {
  notify { $cluster_name: }
}
class { 'profile::galera': cluster_name => 'galera' }
