# Puppet-language functions and type aliases from a module's functions/ and types/, and local ones.
type Local::Members = Array[String[1], 1]

function local::render(Hash $options) >> String {
  $options.map |$k, $v| { "${k}=${v}" }.join(' ')
}

class services_from_options (
  Hash[String, Ha::ServiceOptions] $services,
  Local::Members $members,
) {
  $services.each |$name, $options| {
    cs_primitive { ha::primitive_name($name):
      primitive_class => 'ocf',
      primitive_type  => $name,
      provided_by     => 'heartbeat',
      parameters      => $options,
    }
    if $options['clone'] {
      cs_clone { ha::primitive_name($name, true):
        primitive => ha::primitive_name($name),
      }
    }
    notify { "options ${name}": message => local::render($options) }
  }
  notify { 'port check':
    message => [8080 =~ Ha::Port, 70000 =~ Ha::Port, { 'clone' => true } =~ Ha::ServiceOptions, $members =~ Local::Members],
  }
}

class { 'services_from_options':
  services => {
    'haproxy'   => { 'clone' => true, 'port' => 443, 'monitor' => '20s' },
    'my.daemon' => { 'port' => 8080 },
  },
  members  => ['node-1', 'node-2'],
}
