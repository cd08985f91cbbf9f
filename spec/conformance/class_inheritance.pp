# Inheritance chains, parameter defaults from parent scopes, nested class definitions.
class layered::base ($prefix = '/opt/cluster') {
  $config_dir = "${prefix}/etc"
  $log_dir = "${prefix}/log"
  file { $config_dir: ensure => directory }
}

class layered::middle inherits layered::base {
  $service_name = 'clusterd'
  file { "${config_dir}/middle.conf": ensure => file, content => "logs in ${log_dir}\n" }
}

class layered::top (
  $port = 7788,
  $name_override = $layered::middle::service_name,
) inherits layered::middle {
  File[$config_dir] {
    mode => '0750',
  }
  notify { 'top': message => "${service_name} ${name_override} ${port} ${prefix} ${config_dir}" }
}

class outer {
  class inner {
    notify { 'inner': message => 'nested class' }
  }
  include outer::inner
}

include layered::top
include layered::base
include outer
