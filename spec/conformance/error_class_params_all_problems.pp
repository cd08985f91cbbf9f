# Every problem with a class's parameters is reported at once, in Puppet's order: unknown names, then each
# declared parameter (type mismatch or missing value).
class cluster::node(Integer $nodeid, String $ring0_addr, $cluster_name, $votes = 1) {
  notify { "node ${nodeid}": }
}
class { "cluster::node":
  nodeid     => "1",
  ring0_addr => 10,
  quorum     => 2,
}
