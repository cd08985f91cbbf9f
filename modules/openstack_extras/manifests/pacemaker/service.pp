# Hands an already-declared service over to Pacemaker.
#
# The service named by the title keeps its place in the catalog; this define switches its provider
# to `pacemaker`, declares the cluster primitive `p_<title>` (and its clone `p_<title>-clone`,
# present only when `clone` is true), optionally installs the OCF agent script from a template or a
# module file, and writes a small handler script that runs the agent by hand with the same
# parameters Pacemaker would pass (handy when debugging an agent).
#
# Parameters keep the names and defaults of the openstack_extras wrapper, so existing manifests
# carry over unchanged. `false` means "not set" for the hash-valued ones.
define openstack_extras::pacemaker::service (
  $ensure              = 'present',
  $ocf_root_path       = '/usr/lib/ocf',
  $primitive_class     = 'ocf',
  $primitive_provider  = 'pacemaker',
  $primitive_type      = false,
  $parameters          = false,
  $operations          = false,
  $metadata            = false,
  $ms_metadata         = false,
  $use_handler         = true,
  $handler_root_path   = '/usr/local/bin',
  $ocf_script_template = false,
  $ocf_script_file     = false,
  $create_primitive    = true,
  $clone               = false,
) {
  $primitive = "p_${title}"
  $agent_file_title = "${title}-ocf-file"
  $handler_title = "ocf_handler_${title}"
  $agent_path = "${ocf_root_path}/resource.d/${primitive_provider}/${primitive_type}"
  $handler_path = "${handler_root_path}/${handler_title}"

  # The service may be declared under its title or only under its name.
  Service <| title == $title |> { provider => 'pacemaker' }
  Service <| name == $title |> { provider => 'pacemaker' }

  if $create_primitive {
    cs_primitive { $primitive:
      ensure          => $ensure,
      primitive_class => $primitive_class,
      primitive_type  => $primitive_type,
      provided_by     => $primitive_provider,
      parameters      => $parameters,
      operations      => $operations,
      metadata        => $metadata,
      ms_metadata     => $ms_metadata,
    }

    # The clone is always managed, so that turning `clone` off removes it from the cluster.
    $clone_ensure = $clone ? {
      true    => 'present',
      default => 'absent',
    }
    $clone_primitive = $clone ? {
      true    => $primitive,
      default => undef,
    }
    cs_clone { "${primitive}-clone":
      ensure    => $clone_ensure,
      primitive => $clone_primitive,
      require   => Cs_primitive[$primitive],
    }
  }

  if $ocf_script_template or $ocf_script_file {
    file { $agent_file_title:
      ensure => $ensure,
      path   => $agent_path,
      mode   => '0755',
      owner  => 'root',
      group  => 'root',
    }
    if $ocf_script_template {
      File[$agent_file_title] { content => template($ocf_script_template) }
    } else {
      File[$agent_file_title] { source => "puppet:///modules/${ocf_script_file}" }
    }
  }

  if $primitive_class == 'ocf' and $use_handler {
    file { $handler_title:
      ensure  => present,
      path    => $handler_path,
      owner   => 'root',
      group   => 'root',
      mode    => '0700',
      content => template('openstack_extras/ocf_handler.erb'),
    }
  }

  # Collectors, not references: the agent file and the handler exist only in some configurations.
  File <| title == $agent_file_title |> -> Cs_primitive <| title == $primitive |>
  File <| title == $agent_file_title |> ~> Service[$title]
  Cs_primitive <| title == $primitive |> -> Service[$title]
  # The service provider places the clone when there is one, so the clone must exist (or be gone) first.
  Cs_clone <| title == "${primitive}-clone" |> -> Service[$title]
  File <| title == $handler_title |> -> Service[$title]
}
