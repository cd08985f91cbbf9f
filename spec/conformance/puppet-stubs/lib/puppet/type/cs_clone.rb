# Conformance stub: lets Puppet 7 compile manifests that declare cs_clone. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_clone) do
  @doc = 'Stub of a Pacemaker clone.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:primitive)
  newparam(:group)
  newparam(:clone_max)
  newparam(:clone_node_max)
  newparam(:notify_clones)
  newparam(:globally_unique)
  newparam(:ordered)
  newparam(:interleave)
  newparam(:cib)
end
