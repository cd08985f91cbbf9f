# Resource references as values: Resource[type, title], parameter reads through references, type matches.
cs_primitive { 'p_haproxy': primitive_class => 'ocf', primitive_type => 'haproxy', provided_by => 'heartbeat', metadata => { 'a' => 1 } }
$ref = Resource['cs_primitive', 'p_haproxy']
$ref2 = Cs_primitive['p_haproxy']
notify { 'refs': message => String([$ref, $ref2, $ref == $ref2, $ref2['primitive_type'], $ref2['metadata'], Cs_primitive['p_haproxy']['metadata']['a'], Resource[Cs_primitive], Resource['file'], File, Class['cs_x'], Class[cs_x], Type[Resource], Notify['a'] =~ Type[Notify], Notify['a'] =~ Resource]) }
notify { 'a': }
$multi = Notify['a', 'refs']
notify { 'multi': message => String($multi), require => $multi }
