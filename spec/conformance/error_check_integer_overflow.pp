# Must fail: integer literals are 64-bit; the token is out of range at parse time.
cs_property { 'stonith-timeout':
  value => 18446744073709551616,
}
