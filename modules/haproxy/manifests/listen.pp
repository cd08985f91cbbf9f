# A HAProxy `listen` section in its own file `<config_dir>/<order>-<section_name>.cfg`.
# Parameters as puppetlabs-haproxy's haproxy::listen: ports (Array, or a comma separated String) with
# ipaddress (one or several), or bind ({ 'address:port' => [bind options] }); mode; options as a Hash
# (keys sorted when sort_options_alphabetic) or an Array of Hashes (kept in order); an Array value
# gives one line per element. collect_exported (default false: papply has no PuppetDB) collects exported haproxy::balancermember
# resources of this section. `order` (papply) places the file among the others.
define haproxy::listen (
  Optional[Variant[Array, String, Integer]] $ports = undef,
  Optional[Variant[Array[String[1]], String[1]]] $ipaddress = undef,
  Optional[Hash] $bind = undef,
  Optional[Enum['tcp', 'http', 'health']] $mode = undef,
  Variant[Hash, Array[Hash]] $options = { 'option' => ['tcplog'], 'balance' => 'roundrobin' },
  Boolean $sort_options_alphabetic = true,
  Optional[String] $description = undef,
  Boolean $collect_exported = false,
  String[1] $section_name = $name,
  Variant[String[1], Integer[0]] $order = '20',
) {
  haproxy::section { "listen ${section_name}":
    section_type            => 'listen',
    section_name            => $section_name,
    order                   => $order,
    ports                   => $ports,
    ipaddress               => $ipaddress,
    bind                    => $bind,
    mode                    => $mode,
    options                 => $options,
    sort_options_alphabetic => $sort_options_alphabetic,
    description             => $description,
    collect_exported        => $collect_exported,
  }
}
