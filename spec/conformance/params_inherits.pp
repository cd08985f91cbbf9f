# A params class with inherits, overriding one parameter with a resource-like declaration.
class { 'ha':
  stonith => true,
}

notify { 'config dir':
  message => "config in ${ha::config_dir}, cluster ${ha::cluster_name}",
}
