# The shared secret of Pacemaker Remote. Cluster nodes and remote nodes need the same key at
# /etc/pacemaker/authkey; give it as `authkey` (the key itself) or `authkey_source` (a
# puppet:/// or local path). `config_dir` is the directory holding it (created, group haclient).
class pacemaker_remote (
  Optional[String[1]] $authkey = undef,
  Optional[String[1]] $authkey_source = undef,
  String[1] $config_dir = '/etc/pacemaker',
  String[1] $authkey_path = "${config_dir}/authkey",
) {
  if $authkey == undef and $authkey_source == undef {
    fail('pacemaker_remote: give either authkey or authkey_source')
  }

  file { $config_dir:
    ensure => directory,
    owner  => 'root',
    group  => 'haclient',
    mode   => '0750',
  }
  file { $authkey_path:
    ensure  => file,
    owner   => 'hacluster',
    group   => 'haclient',
    mode    => '0640',
    content => $authkey,
    source  => $authkey_source,
  }
}
