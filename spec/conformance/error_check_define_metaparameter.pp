# A define parameter named like a metaparameter, without a default value, is refused.
define profile::haproxy_backend(
  $servers,
  $notify,
) {
  notify { "backend ${title}": }
}
profile::haproxy_backend { 'keystone': servers => ['10.0.0.11'], notify => [] }
