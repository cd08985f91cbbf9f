# A HAProxy `backend` section in its own file `<config_dir>/<order>-<section_name>.cfg`.
# Parameters as puppetlabs-haproxy's haproxy::backend: mode; options as a Hash
# (keys sorted when sort_options_alphabetic) or an Array of Hashes (kept in order); an Array value
# gives one line per element. collect_exported (default false: papply has no PuppetDB) collects exported haproxy::balancermember
# resources of this section. `order` (papply) places the file among the others.
define haproxy::backend (
  Optional[Enum['tcp', 'http', 'health']] $mode = undef,
  Variant[Hash, Array[Hash]] $options = { 'option' => ['tcplog'], 'balance' => 'roundrobin' },
  Boolean $sort_options_alphabetic = true,
  Optional[String] $description = undef,
  Boolean $collect_exported = false,
  String[1] $section_name = $name,
  Variant[String[1], Integer[0]] $order = '25',
) {
  haproxy::section { "backend ${section_name}":
    section_type            => 'backend',
    section_name            => $section_name,
    order                   => $order,
    mode                    => $mode,
    options                 => $options,
    sort_options_alphabetic => $sort_options_alphabetic,
    description             => $description,
    collect_exported        => $collect_exported,
  }
}
