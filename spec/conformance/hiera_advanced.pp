# Hiera 5: a node level, lookup_options merges, interpolation functions in data.
notify { 'hiera advanced':
  message => [
    lookup('ha::node_role'),
    lookup('ha::tuning'),
    lookup('ha::tuning', Hash, 'first'),
    lookup('ha::extra_packages'),
    lookup('ha::members_alias'),
    lookup('ha::vip_url'),
    lookup('ha::percent'),
    lookup('ha::legacy'),
    lookup(['ha::nope', 'ha::node_role']),
    lookup('ha::nope') |$key| { "no ${key}" },
  ],
}
