# Must fail: a selector with no matching option and no default.
$provider = $::osfamily ? {
  'Debian' => 'crm',
  'Suse'   => 'crm',
}
notify { $provider: }
