# Selectors and case: strings (case-insensitive), regexes with captures, arrays, types, default.
$role = 'Controller'
$memory = $::memorysize_mb

$service_provider = $::osfamily ? {
  /(?i:redhat|centos)/ => 'systemd',
  'Debian'             => 'debian',
  default              => 'base',
}

$size = $::processorcount ? {
  1       => 'tiny',
  [2, 3]  => 'small',
  Integer => 'large',
  default => 'unknown',
}

case $role {
  'controller': { $label = 'ctl' }
  'compute': { $label = 'cmp' }
  default: { $label = 'other' }
}

case $::fqdn {
  /^(node)-(\d+)\./: { $index = "${1}#${2}" }
  default: { $index = 'none' }
}

case $memory {
  Float: { $mem_kind = 'float' }
  Integer: { $mem_kind = 'int' }
  default: { $mem_kind = 'other' }
}

notify { 'selectors':
  message => "${service_provider} ${size} ${label} ${index} ${mem_kind}",
}
