# Defines see $title and $name; name can be set apart from the title.
define cluster::member (
  $address,
  $port = 5405,
  $ring = 0,
) {
  file { "/etc/corosync/members.d/${title}":
    ensure  => file,
    content => "${name} ${address}:${port} ring${ring}\n",
  }
  notify { "member ${title}":
    message => "title=${title} name=${name}",
  }
}

cluster::member { 'node-1':
  address => '10.0.0.1',
}
cluster::member { 'second':
  name    => 'node-2',
  address => '10.0.0.2',
  ring    => 1,
}
cluster::member { ['node-3', 'node-4']:
  address => '10.0.0.3',
}
