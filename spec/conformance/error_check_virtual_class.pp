# Must fail: classes cannot be virtual (use include when needed instead).
@class { 'ha::params': }
realize(Class['ha::params'])
