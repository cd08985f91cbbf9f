# A Puppet-language function called with too few arguments.
function cluster::vip_name(String $service, String $network) { "vip__${service}_${network}" }
notify { "vip": message => cluster::vip_name() }
