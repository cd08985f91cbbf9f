# Sensitive values at the top of a parameter and nested inside hashes and arrays: Puppet reveals the
# first (listing it in sensitive_parameters) and keeps the others as rich data.
$db_password = Sensitive('galera-root-pw')

class profile::galera_credentials(Hash $credentials) {
  file { '/etc/mysql/credentials.cnf':
    ensure  => file,
    mode    => '0600',
    content => Sensitive("[client]\npassword=${credentials['root'].unwrap}\n"),
  }
}

class { 'profile::galera_credentials':
  credentials => { 'root' => $db_password, 'user' => 'root' },
}

notify { 'rabbitmq users':
  message => {
    'admin'   => { 'password' => Sensitive('rabbit-admin'), 'tags' => ['administrator'] },
    'openstack' => [Sensitive('rabbit-os'), 'monitoring'],
  },
}

cs_primitive { 'p_keystone':
  primitive_class => 'ocf',
  primitive_type  => 'Dummy',
  provided_by     => 'pacemaker',
  parameters      => { 'state' => '/run/keystone.state', 'token' => $db_password },
}
