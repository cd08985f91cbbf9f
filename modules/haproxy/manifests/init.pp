# HAProxy with one file per section: the main file (global + defaults) at `config_file`, and every
# listen/frontend/backend section in `<config_dir>/<order>-<name>.cfg` (a haproxy_fragment), which
# HAProxy loads after the main file (`haproxy -f <config_file> -f <config_dir>`). A changed section
# touches only its own file; each file is checked with HAProxy (with the main file and the rest of
# the directory) before it replaces the live one, and a change reloads the service.
#
# Parameter names follow puppetlabs-haproxy where it has them:
#   global_options, defaults_options  Hash of option => value (an Array value gives one line per
#                                     element), written in the hash's order.
#   config_file, config_dir           where the main file and the section files live.
#   manage_service, service_ensure, service_name, restart_command
#   service_provider                  e.g. 'pacemaker' to leave the daemon to the cluster (or hand
#                                     the service over with openstack_extras::pacemaker::service).
#   service_parameters                further attributes of the service resource (status, path ...).
#   reload_command                    (papply) when set, a configuration change runs this command
#                                     (an exec) instead of refreshing the service: HAProxy reloads
#                                     in place, while refreshing a service under Pacemaker would
#                                     restart the cluster resource.
#   purge                             remove `*.cfg` files of config_dir no section manages.
#   haproxy_binary                    the haproxy executable used for the checks.
class haproxy (
  Hash $global_options = {
    'log'     => '/dev/log local0',
    'maxconn' => '4000',
    'user'    => 'haproxy',
    'group'   => 'haproxy',
    'daemon'  => '',
  },
  Hash $defaults_options = {
    'log'     => 'global',
    'mode'    => 'tcp',
    'option'  => ['redispatch'],
    'retries' => '3',
    'timeout' => ['http-request 10s', 'queue 1m', 'connect 10s', 'client 1m', 'server 1m', 'check 10s'],
    'maxconn' => '8000',
  },
  Pattern[/\A\//] $config_file = '/etc/haproxy/haproxy.cfg',
  Pattern[/\A\//] $config_dir = '/etc/haproxy/conf.d',
  String[1] $haproxy_binary = '/usr/sbin/haproxy',
  Boolean $validate = true,
  Boolean $purge = true,
  Boolean $manage_service = true,
  Enum['running', 'stopped'] $service_ensure = 'running',
  String[1] $service_name = 'haproxy',
  Optional[String[1]] $service_provider = undef,
  Optional[String[1]] $restart_command = undef,
  Hash $service_parameters = {},
  Optional[String[1]] $reload_command = undef,
) {
  # The main file is checked with the sections of config_dir, as HAProxy will load them.
  haproxy_fragment { $config_file:
    config_file => $config_file,
    config_dir  => $config_dir,
    haproxy     => $haproxy_binary,
    validate    => $validate,
    mode        => '0644',
  }
  concat::fragment { 'haproxy-main':
    target  => $config_file,
    order   => '00',
    content => template('haproxy/haproxy.cfg.erb'),
  }

  haproxy_conf_dir { $config_dir:
    purge => $purge,
  }

  if $manage_service {
    service { $service_name:
      ensure   => $service_ensure,
      provider => $service_provider,
      restart  => $restart_command,
      *        => $service_parameters,
    }
    if $reload_command {
      exec { 'haproxy-reload':
        command     => $reload_command,
        path        => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'],
        refreshonly => true,
        require     => Service[$service_name],
      }
      $reloaded = Exec['haproxy-reload']
    } else {
      $reloaded = Service[$service_name]
    }
    Haproxy_conf_dir[$config_dir] ~> $reloaded
    Haproxy_fragment <| |> ~> $reloaded
  }
}
