# fqdn_rand jitter, file() from a module, shellquote in commands, rounding, get/slice/index.
$minute = fqdn_rand(60)
$backup_hour = fqdn_rand(24, 'backup')
file { '/etc/corosync/authkey':
  ensure  => file,
  mode    => '0400',
  content => file('ha/authkey.txt', 'ha/missing.txt'),
}
exec { 'cib-backup':
  command => shellquote('/usr/sbin/cibadmin', '--query', '--xpath', "//primitive[@id='p_haproxy']", '>', '/var/backups/cib xml'),
  path    => ['/usr/sbin', '/usr/bin'],
}
notify { 'jitter': message => "${minute} ${backup_hour} ${fqdn_rand(1000, 7, true)}" }
notify { 'math':
  message => [round(2.5), round(-2.5), round(2.49), floor(-1.5), ceiling(-1.5), floor(3), round(1e3 / 7)],
}
$config = { 'totem' => { 'interface' => [{ 'ringnumber' => 0, 'bindnetaddr' => '10.0.0.0' }] } }
notify { 'get-slice-index':
  message => [
    get($config, 'totem.interface.0.bindnetaddr'), get($config, 'totem.missing', 'none'),
    ['a', 'b', 'c', 'd', 'e'].slice(2), index(['x', 'y', 'z'], 'z'), index({ 'p' => 1, 'q' => 2 }) |$v| { $v > 1 },
    Sensitive('secret').unwrap,
  ],
}
