# A HAProxy `frontend` section in its own file `<config_dir>/<order>-<section_name>.cfg`.
# Parameters as puppetlabs-haproxy's haproxy::frontend: ports (Array, or a comma separated String) with
# ipaddress (one or several), or bind ({ 'address:port' => [bind options] }); mode; options as a Hash
# (keys sorted when sort_options_alphabetic) or an Array of Hashes (kept in order); an Array value
# gives one line per element. `order` (papply) places the file among the others.
define haproxy::frontend (
  Optional[Variant[Array, String, Integer]] $ports = undef,
  Optional[Variant[Array[String[1]], String[1]]] $ipaddress = undef,
  Optional[Hash] $bind = undef,
  Optional[Enum['tcp', 'http', 'health']] $mode = undef,
  Variant[Hash, Array[Hash]] $options = { 'option' => ['tcplog'] },
  Boolean $sort_options_alphabetic = true,
  Optional[String] $description = undef,
  String[1] $section_name = $name,
  Variant[String[1], Integer[0]] $order = '15',
) {
  haproxy::section { "frontend ${section_name}":
    section_type            => 'frontend',
    section_name            => $section_name,
    order                   => $order,
    ports                   => $ports,
    ipaddress               => $ipaddress,
    bind                    => $bind,
    mode                    => $mode,
    options                 => $options,
    sort_options_alphabetic => $sort_options_alphabetic,
    description             => $description,
  }
}
