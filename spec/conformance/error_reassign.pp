# Must fail: variables cannot be reassigned in the same scope.
$cluster_name = 'alpha'
notify { $cluster_name: }
$cluster_name = 'beta'
