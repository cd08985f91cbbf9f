# Servers of a listen or backend section, appended to that section's file (`listening_service`
# names the section). Parameter names as puppetlabs-haproxy's haproxy::balancermember:
#   server_names, ipaddresses   one server per name/address pair (same order);
#   ports                       each server once per port (Array, or a comma separated String);
#                               none: `server <name> <address>`; with several ports the server
#                               names get `_<port>` (HAProxy wants distinct names);
#   options                     appended to every server line, e.g. 'check inter 1s' or
#                               ['check', 'inter 1s'];
#   define_cookies              adds `cookie <server name>`;
#   define_backups              adds `backup` to every server but the first, so the first one
#                               takes all traffic while it is up (active/passive, e.g. Galera);
#   weight                      adds `weight <n>`;
#   order                       (papply) place among the members of the section.
define haproxy::balancermember (
  String[1] $listening_service,
  Variant[Array[String[1]], String[1]] $server_names = $facts['networking']['hostname'],
  Variant[Array[String[1]], String[1]] $ipaddresses = $facts['networking']['ip'],
  Optional[Variant[Array, String, Integer]] $ports = undef,
  Variant[Array, String] $options = '',
  Boolean $define_cookies = false,
  Boolean $define_backups = false,
  Optional[Variant[String[1], Integer[0]]] $weight = undef,
  String[1] $order = '10',
) {
  $names = flatten([$server_names])
  $addresses = flatten([$ipaddresses])
  if size($names) != size($addresses) {
    fail("haproxy::balancermember ${title}: ${size($names)} server_names but ${size($addresses)} ipaddresses")
  }
  $port_list = $ports ? {
    undef   => [],
    String  => split($ports, ','),
    default => flatten([$ports]),
  }

  concat::fragment { "${listening_service}_balancermember_${title}":
    target  => $listening_service,
    order   => "${order}-${title}",
    content => template('haproxy/balancermember.erb'),
  }
}
