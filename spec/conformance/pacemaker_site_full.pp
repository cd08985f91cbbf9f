# A whole HA site in the field's style: params class with case on the OS family, a wrapper define handing
# services to Pacemaker (inline ERB handler, collector overrides by title and name, chains through
# collectors), create_resources with defaults, VIPs from a hash, contained classes, node defaults.
class hasite::params {
  $ocf_root = '/usr/lib/ocf'
  case $facts['os']['family'] {
    'RedHat': { $handler_dir = '/usr/local/bin' $pkgs = ['pacemaker', 'pcs'] }
    default:  { $handler_dir = '/usr/bin' $pkgs = ['pacemaker'] }
  }
  $vips = {
    'public'   => { 'ip' => '192.0.2.10', 'cidr_netmask' => 24, 'nic' => 'eth0' },
    'internal' => { 'ip' => '10.0.0.10', 'cidr_netmask' => 8 },
  }
  $services = {
    'haproxy'   => { 'clone' => true,  'ops' => { 'monitor' => { 'interval' => '20', 'timeout' => '10' } } },
    'memcached' => { 'clone' => false, 'metadata' => { 'resource-stickiness' => '1' } },
  }
}
define hasite::ocf_service (
  $ensure = 'present',
  $primitive_class = 'ocf',
  $primitive_provider = 'pacemaker',
  $primitive_type = $title,
  Hash $parameters = {},
  Hash $ops = {},
  Hash $metadata = {},
  Boolean $clone = false,
  Boolean $use_handler = true,
) {
  include hasite::params
  $handler = "${hasite::params::handler_dir}/ocf-handler-${title}"
  if $use_handler {
    file { $handler:
      ensure  => file,
      mode    => '0700',
      content => inline_template("#!/bin/bash\n# handler for <%= @title %> (<%= @primitive_type %>)\nexport OCF_ROOT=<%= scope['hasite::params::ocf_root'] %>\n<% @ops.keys.sort.each do |op| -%>\n# op <%= op %>\n<% end -%>"),
    }
  }
  cs_primitive { "p_${title}":
    ensure          => $ensure,
    primitive_class => $primitive_class,
    provided_by     => $primitive_provider,
    primitive_type  => $primitive_type,
    parameters      => $parameters,
    operations      => $ops,
    metadata        => $metadata,
  }
  if $clone {
    cs_clone { "p_${title}-clone": ensure => $ensure, primitive => "p_${title}", interleave => true }
    Cs_primitive["p_${title}"] -> Cs_clone["p_${title}-clone"]
  }
  Service <| title == $title |> { provider => 'pacemaker' }
  Service <| name == $title |> { provider => 'pacemaker' }
  if $use_handler { File[$handler] -> Cs_primitive["p_${title}"] }
  Cs_primitive["p_${title}"] -> Service <| title == $title |>
}
class hasite::vips inherits hasite::params {
  $vips.each |$name, $opts| {
    cs_primitive { "vip__${name}":
      primitive_class => 'ocf', provided_by => 'heartbeat', primitive_type => 'IPaddr2',
      parameters => $opts, operations => { 'monitor' => { 'interval' => '3' } },
    }
    cs_location { "vip__${name}-on-node-1": primitive => "vip__${name}", node_name => $facts['networking']['hostname'], score => 100 }
  }
  cs_colocation { 'vip-together': primitives => ['vip__public', 'vip__internal'] }
  cs_order { 'public-then-internal': first => 'vip__public', second => 'vip__internal', kind => 'Optional' }
}
class hasite inherits hasite::params {
  package { $pkgs: ensure => installed }
  create_resources('hasite::ocf_service', $services, { 'use_handler' => true })
  $services.keys.each |$svc| { service { $svc: ensure => running, enable => false } }
  contain hasite::vips
  Package <| |> -> Cs_primitive <| |>
  cs_property { 'stonith-enabled': value => 'false' }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }
}
node default {
  Exec { path => ['/usr/bin', '/bin'], logoutput => on_failure }
  include hasite
  exec { 'settle': command => 'crm_resource --wait', refreshonly => true, subscribe => Class['hasite::vips'] }
}
