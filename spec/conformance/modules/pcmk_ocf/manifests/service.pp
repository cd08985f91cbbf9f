# openstack_extras-style wrapper: a service declared elsewhere is handed to Pacemaker (provider
# override through collectors), a primitive and optional clone are declared, and an OCF handler
# script is rendered from an ERB template and ordered File -> Cs_primitive -> Service.
define pcmk_ocf::service (
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
  $service_name        = $title
  $primitive_name      = "p_${service_name}"
  $ocf_script_name     = "${service_name}-ocf-file"
  $ocf_handler_name    = "ocf_handler_${service_name}"
  $ocf_dir_path        = "${ocf_root_path}/resource.d"
  $ocf_script_path     = "${ocf_dir_path}/${primitive_provider}/${$primitive_type}"
  $ocf_handler_path    = "${handler_root_path}/${ocf_handler_name}"

  Service<| title == $service_name |> {
    provider => 'pacemaker',
  }

  Service<| name == $service_name |> {
    provider => 'pacemaker',
  }

  if $create_primitive {
    cs_primitive { $primitive_name :
      ensure          => $ensure,
      primitive_class => $primitive_class,
      primitive_type  => $primitive_type,
      provided_by     => $primitive_provider,
      parameters      => $parameters,
      operations      => $operations,
      metadata        => $metadata,
      ms_metadata     => $ms_metadata,
    }

    $clone_name = "${primitive_name}-clone"
    if $clone {
      cs_clone { $clone_name :
        ensure    => present,
        primitive => $primitive_name,
        require   => Cs_primitive[$primitive_name],
      }
    }
  }

  if $ocf_script_template or $ocf_script_file {
    file { $ocf_script_name :
      ensure  => $ensure,
      path    => $ocf_script_path,
      mode    => '0755',
      owner   => 'root',
      group   => 'root',
      content => $ocf_script_template ? {
        false   => undef,
        default => template($ocf_script_template),
      },
    }
    File[$ocf_script_name] -> Cs_primitive<| title == $primitive_name |>
  }

  if ($primitive_class == 'ocf') and ($use_handler) {
    file { $ocf_handler_name :
      ensure  => present,
      path    => $ocf_handler_path,
      owner   => 'root',
      group   => 'root',
      mode    => '0700',
      content => template('pcmk_ocf/ocf_handler.erb'),
    }
    File[$ocf_handler_name] -> Cs_primitive<| title == $primitive_name |>
  }

  Cs_primitive<| title == $primitive_name |> -> Service<| title == $service_name |>
}
