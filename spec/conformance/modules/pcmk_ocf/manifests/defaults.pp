# Parameters from the module's own data (hiera.yaml in the module) by automatic parameter lookup.
class pcmk_ocf::defaults (
  Integer $stickiness,
  Hash    $operations,
  Array   $agents,
  String  $handler_dir,
) {
  notify { 'pcmk_ocf defaults':
    message => "stickiness=${stickiness} operations=${operations} agents=${agents} handler_dir=${handler_dir}",
  }
}
