# Must fail: a reference given as a string must name a declared virtual resource.
@package { 'crmsh': ensure => installed }
realize('Package[crmsh]', 'Package[pcs]')
