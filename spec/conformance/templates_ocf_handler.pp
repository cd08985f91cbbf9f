# ERB templates in the field's wrapper: an openstack_extras-style define renders an OCF handler
# script (parameter quoting in Ruby) and an agent file, overrides the service's provider through
# collectors and chains File -> Cs_primitive -> Service.
service { 'neutron-l3-agent':
  ensure => running,
  enable => true,
}

service { 'heat-engine-svc':
  ensure => running,
  name   => 'heat-engine',
}

pcmk_ocf::service { 'neutron-l3-agent':
  primitive_type      => 'neutron-agent-l3',
  primitive_provider  => 'fuel',
  parameters          => {
    'debug'         => false,
    'syslog'        => true,
    'plugin_config' => '/etc/neutron/l3_agent.ini',
    'quoted'        => "'already quoted'",
    'retries'       => 5,
  },
  operations          => {
    'monitor' => { 'interval' => '20', 'timeout' => '10' },
    'start'   => { 'timeout' => '60' },
  },
  metadata            => { 'migration-threshold' => '3', 'resource-stickiness' => '1' },
  ocf_script_template => 'pcmk_ocf/agent.erb',
  clone               => true,
}

pcmk_ocf::service { 'heat-engine':
  primitive_type => 'heat-engine',
  parameters     => false,
  operations     => { 'monitor' => { 'interval' => '15' } },
}
