# Hands a service declared elsewhere to Pacemaker: the service gets the pacemaker provider through
# collectors, a primitive (and optionally a clone) is declared for it, and an optional OCF handler
# script is ordered before the primitive.
define ha::pacemaker_service (
  $ensure             = 'present',
  $primitive_class    = 'ocf',
  $primitive_provider = 'pacemaker',
  $primitive_type     = false,
  $parameters         = false,
  $operations         = false,
  $metadata           = false,
  $ms_metadata        = false,
  $use_handler        = false,
  $handler_root_path  = '/usr/local/bin',
  $create_primitive   = true,
  $clone              = false,
) {
  $service_name   = $title
  $primitive_name = "p_${service_name}"
  $real_primitive_type = $primitive_type ? {
    false   => $service_name,
    default => $primitive_type,
  }

  Service<| title == $service_name |> {
    provider => 'pacemaker',
  }
  Service<| name == $service_name |> {
    provider => 'pacemaker',
  }

  if $create_primitive {
    cs_primitive { $primitive_name:
      ensure          => $ensure,
      primitive_class => $primitive_class,
      primitive_type  => $real_primitive_type,
      provided_by     => $primitive_provider,
      parameters      => $parameters,
      operations      => $operations,
      metadata        => $metadata,
      ms_metadata     => $ms_metadata,
    }
    if $clone {
      cs_clone { "${primitive_name}-clone":
        ensure    => present,
        primitive => $primitive_name,
        require   => Cs_primitive[$primitive_name],
      }
    }
  }

  if $use_handler {
    $handler = "${handler_root_path}/ocf_handler_${service_name}"
    file { $handler:
      ensure  => file,
      mode    => '0700',
      content => "#!/bin/sh\n# OCF handler for ${service_name}\nexec ${ha::params::ocf_root}/resource.d/${primitive_provider}/${real_primitive_type} \"\$@\"\n",
    }
    File[$handler] -> Cs_primitive<| title == $primitive_name |>
  }

  Cs_primitive<| title == $primitive_name |> -> Service<| title == $service_name |>
}
