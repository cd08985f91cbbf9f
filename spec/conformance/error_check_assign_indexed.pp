# Must fail: hashes are immutable; an entry cannot be assigned (merge into a new hash instead).
$cluster_properties = { 'stonith-enabled' => false }
$cluster_properties['no-quorum-policy'] = 'ignore'
