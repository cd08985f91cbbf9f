# Declares the haproxy_conf_dir type for Puppet's autoloader (compiling with Puppet); papply
# implements it in src/providers/haproxy/conf-dir.ts.
Puppet::Type.newtype(:haproxy_conf_dir) do
  @doc = 'The directory of HAProxy section files; purges the *.cfg files the catalog does not manage.'

  ensurable do
    newvalue(:present)
    defaultto :present
  end

  newparam(:path, namevar: true) { desc 'The directory.' }
  newparam(:mode) { desc 'Mode of a created directory.' }
  newparam(:purge) { desc 'Remove *.cfg files no resource of the catalog manages.' }
  newproperty(:unmanaged) { desc 'Computed: the unmanaged *.cfg files.' }
end
