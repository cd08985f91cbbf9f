# Must fail: realizing a virtual resource nobody declared.
@package { 'pcs': ensure => installed }
realize(Package['pcs'], Package['crmsh'])
