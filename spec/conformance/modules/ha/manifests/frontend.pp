# Parameters come from Hiera by automatic parameter lookup (ha::frontend::vip_address ...).
class ha::frontend (
  String $vip_address,
  Hash $services = {},
  Array[String] $cluster_members = [],
) {
  $services.each |String $name, Hash $options| {
    ha::pacemaker_service { $name:
      clone => $options['clone'],
    }
  }
  notify { 'frontend':
    message => "vip ${vip_address} for ${cluster_members.length} members",
  }
}
