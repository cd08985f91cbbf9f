# The Pacemaker primitive id for a service, as the wrapper names it.
function ha::primitive_name(String[1] $service, Boolean $clone = false) >> String {
  $base = "p_${regsubst($service, '[^A-Za-z0-9_-]', '_', 'G')}"
  $clone ? {
    true    => "${base}-clone",
    default => $base,
  }
}
