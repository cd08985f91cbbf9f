# Declares the haproxy_fragment type for Puppet's autoloader (compiling with Puppet); papply
# implements it in src/providers/haproxy/fragment.ts.
Puppet::Type.newtype(:haproxy_fragment) do
  @doc = 'One HAProxy section in its own file of a conf.d directory, built from concat::fragment resources.'

  ensurable do
    defaultvalues
    defaultto :present
  end

  newparam(:path, namevar: true) { desc 'The section file.' }
  newproperty(:content) { desc 'Computed from the fragments targeting the title or path.' }
  newproperty(:mode) { desc 'File mode.' }
  newproperty(:owner) { desc 'File owner.' }
  newproperty(:group) { desc 'File group.' }
  newparam(:backup) { desc 'Backup of replaced content.' }
  newparam(:replace) { desc 'Replace existing content.' }
  newparam(:show_diff) { desc 'Show content diffs.' }
  newparam(:config_file) { desc 'The main HAProxy file, checked together with the section.' }
  newparam(:config_dir) { desc 'The directory HAProxy loads.' }
  newparam(:haproxy) { desc 'The haproxy executable used for checks.' }
  newparam(:validate) { desc 'Check the section with haproxy -c before writing it.' }
end
