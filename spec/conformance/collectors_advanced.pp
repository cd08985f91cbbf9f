# Collectors: appending overrides, class tags, defines' resources declared later, precedence.
Service {
  hasrestart => true,
  enable     => true,
}

class monitoring_agents {
  service { 'zabbix-agent': ensure => running }
  @service { 'nrpe': ensure => running }
}

define ha::agent_config ($port) {
  @file { "/etc/agents/${title}.conf":
    ensure  => file,
    content => "port=${port}\n",
    tag     => ['agent-config'],
  }
}

Service <| tag == 'monitoring_agents' |> {
  require +> Package['agents'],
  enable  => false,
}
File <| tag == 'agent-config' |> {
  mode => '0640',
}

package { 'agents': ensure => installed }
include monitoring_agents
ha::agent_config { 'zabbix': port => 10050 }
ha::agent_config { 'nrpe': port => 5666 }
service { 'standalone':
  ensure  => running,
  require => Package['agents'],
  tag     => 'monitoring_agents',
}
