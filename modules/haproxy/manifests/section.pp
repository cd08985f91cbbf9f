# One listen, frontend or backend section in its own file `<config_dir>/<order>-<section_name>.cfg`
# (used by haproxy::listen, haproxy::frontend and haproxy::backend). Balancer members with
# `listening_service => <section_name>` are appended to the same file.
define haproxy::section (
  Enum['listen', 'frontend', 'backend'] $section_type,
  String[1] $section_name,
  Variant[String[1], Integer[0]] $order,
  Optional[Variant[Array, String, Integer]] $ports = undef,
  Optional[Variant[Array[String[1]], String[1]]] $ipaddress = undef,
  Optional[Hash] $bind = undef,
  Optional[Enum['tcp', 'http', 'health']] $mode = undef,
  Variant[Hash, Array[Hash]] $options = {},
  Boolean $sort_options_alphabetic = true,
  Optional[String] $description = undef,
  Boolean $collect_exported = false,
) {
  include haproxy

  if $bind != undef and $ports != undef {
    fail("haproxy::${section_type} ${section_name}: give either bind or ipaddress/ports, not both")
  }
  $port_list = $ports ? {
    undef   => [],
    String  => split($ports, ','),
    default => flatten([$ports]),
  }
  $address_list = $ipaddress ? {
    undef   => ['0.0.0.0'],
    default => flatten([$ipaddress]),
  }
  # 'address:port' => [bind options], from bind or from every address with every port.
  $binds = $bind ? {
    undef   => $port_list.reduce({}) |$all, $port| {
      $all + $address_list.reduce({}) |$some, $address| { $some + { "${address}:${strip("${port}")}" => [] } }
    },
    default => $bind,
  }
  $option_sets = $options ? {
    Array   => $options,
    default => [$options],
  }
  $sorted = $sort_options_alphabetic and !($options =~ Array)

  haproxy_fragment { $section_name:
    path        => "${haproxy::config_dir}/${order}-${section_name}.cfg",
    config_file => $haproxy::config_file,
    config_dir  => $haproxy::config_dir,
    haproxy     => $haproxy::haproxy_binary,
    validate    => $haproxy::validate,
  }

  concat::fragment { "${section_name}_${section_type}_block":
    target  => $section_name,
    order   => '00',
    content => template('haproxy/section.erb'),
  }

  if $collect_exported {
    Haproxy::Balancermember <<| listening_service == $section_name |>>
  }
}
