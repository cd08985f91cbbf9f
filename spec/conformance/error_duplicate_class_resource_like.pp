# A class declared resource-like twice, without parameters either time: Puppet names the first place.
class cluster::corosync { }
class { "cluster::corosync": }
class { "cluster::corosync": }
