# A Pacemaker Remote node: the connection resource `ocf:pacemaker:remote` named after the node,
# allowed on the cluster nodes in `allowed_on` (needed in an asymmetric cluster).
define pacemaker_remote::node (
  String[1] $address,
  Integer[1, 65535] $port = 3121,
  String[1] $monitor_interval = '30s',
  String[1] $connect_timeout = '60s',
  String[1] $reconnect_interval = '60s',
  Array[String[1]] $allowed_on = [],
  Integer $score = 100,
) {
  cs_primitive { $title:
    primitive_class => 'ocf',
    provided_by     => 'pacemaker',
    primitive_type  => 'remote',
    parameters      => {
      'server'             => $address,
      'port'               => String($port),
      'reconnect_interval' => $reconnect_interval,
    },
    operations      => {
      'monitor' => { 'interval' => $monitor_interval, 'timeout' => '30s' },
      'start'   => { 'interval' => '0', 'timeout' => $connect_timeout },
    },
  }

  $allowed_on.each |String $cluster_node| {
    cs_location { "${title}-on-${cluster_node}":
      primitive => $title,
      node_name => $cluster_node,
      score     => String($score),
      require   => Cs_primitive[$title],
    }
  }
}
