# A params class with inherits, a wrapper define handing services to Pacemaker (collector overrides,
# chains through collectors), create_resources over a hash with defaults, resource defaults.
class wrapsvc::params {
  $ocf_root = '/usr/lib/ocf'
  $services = {
    'haproxy'  => { 'primitive_type' => 'haproxy', 'clone' => true, 'ops' => { 'monitor' => { 'interval' => '20' } } },
    'memcached' => { 'primitive_type' => 'memcached', 'metadata' => { 'resource-stickiness' => 1 } },
  }
  case $facts['os']['family'] {
    'Debian': { $pkg = 'pacemaker-cli-utils' }
    'RedHat': { $pkg = 'pcs' }
    default:  { fail("unsupported ${facts['os']['family']}") }
  }
  $vip_defaults = { 'cidr_netmask' => 24, 'nic' => 'eth0' }
}
define wrapsvc::service (
  $ensure = 'present',
  $primitive_class = 'ocf',
  $primitive_provider = 'pacemaker',
  $primitive_type = undef,
  Hash $parameters = {},
  Variant[Hash, Array] $ops = {},
  $metadata = {},
  Boolean $clone = false,
) {
  include wrapsvc::params
  $real_type = $primitive_type ? { undef => $title, default => $primitive_type }
  cs_primitive { "p_${title}":
    ensure          => $ensure,
    primitive_class => $primitive_class,
    provided_by     => $primitive_provider,
    primitive_type  => $real_type,
    parameters      => $parameters,
    operations      => $ops,
    metadata        => $metadata,
  }
  if $clone {
    cs_clone { "p_${title}-clone":
      ensure    => $ensure,
      primitive => "p_${title}",
      require   => Cs_primitive["p_${title}"],
    }
  }
  Service <| title == $title |> {
    provider => 'pacemaker',
  }
  File <| tag == "ocf-${title}" |> -> Cs_primitive["p_${title}"] -> Service <| name == $title |>
}
class wrapsvc (
  $services = $wrapsvc::params::services,
  $manage_packages = true,
) inherits wrapsvc::params {
  if $manage_packages { package { $pkg: ensure => installed } }
  create_resources('wrapsvc::service', $services, { 'ensure' => 'present' })
  $services.each |$name, $opts| {
    service { $name: ensure => running, enable => false }
    file { "${ocf_root}/resource.d/pacemaker/${name}":
      ensure => file, mode => '0755', tag => ["ocf-${name}"],
    }
  }
}
include wrapsvc
Package { provider => 'apt' }

