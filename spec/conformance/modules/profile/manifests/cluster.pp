# Cluster profile: realizes what it needs from profile::base and contains the cluster classes.
class profile::cluster (
  $tools = ['sbd', 'fence-agents-all'],
) {
  require profile::base
  contain ha
  realize(Group['haclient'], User['hacluster'])
  Package <| tag == 'cluster-tools' and title != 'crmsh' |>

  $tools.each |$tool| {
    notify { "tool ${tool}": require => Package[$tool] }
  }
}
