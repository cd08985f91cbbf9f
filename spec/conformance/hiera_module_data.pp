# Module data: a module's own hiera.yaml feeds automatic parameter lookup and lookup(), with the
# module's lookup_options (deep and unique merges across its levels).
include pcmk_ocf::defaults

$ops = lookup('pcmk_ocf::defaults::operations')
$first_ops = lookup('pcmk_ocf::defaults::operations', Hash, 'first')
$missing = lookup('pcmk_ocf::defaults::nothing', undef, undef, 'fallback')

notify { 'module lookups':
  message => "${ops} ${first_ops} ${missing}",
}
