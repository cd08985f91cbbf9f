// The attributes (parameters and properties, metaparameters aside) of Puppet 7's core resource
// types, as Puppet::Type.type(t).allattrs lists them in Debian's Puppet 7.23. An attribute outside
// these is refused when the compile finishes, as Puppet's Resource#validate does. Other types papply
// implements (Pacemaker's cs_*, concat, haproxy_fragment ...) are checked against their type
// definitions, as Puppet checks a module's types; types papply does not know are not checked.

import { findType } from '../../providers/framework/registry.js';

const CORE_ATTRIBUTES: Record<string, string> = {
  exec: 'command creates cwd environment group logoutput onlyif path provider refresh refreshonly returns timeout tries try_sleep umask unless user',
  file:
    'backup checksum checksum_value content ctime ensure force group ignore links max_files mode mtime owner path provider purge recurse recurselimit replace ' +
    'selinux_ignore_defaults selrange selrole seltype seluser show_diff source source_permissions sourceselect staging_location target type validate_cmd validate_replacement',
  filebucket: 'name path port server',
  group: 'allowdupe attribute_membership attributes auth_membership ensure forcelocal gid ia_load_module members name provider system',
  notify: 'message name withpath',
  package:
    'adminfile allow_virtual allowcdrom category command configfiles description enable_only ensure flavor install_only install_options instance mark name ' +
    'package_settings platform provider reinstall_on_refresh responsefile root source status uninstall_options vendor',
  resources: 'name purge unless_system_user unless_uid',
  schedule: 'name period periodmatch range repeat weekday',
  service: 'binary control enable ensure flags hasrestart hasstatus logonaccount logonpassword manifest name path pattern provider restart start status stop timeout',
  tidy: 'age backup matches max_files path recurse rmdirs size type',
  user:
    'allowdupe attribute_membership attributes auth_membership auths comment ensure expiry forcelocal gid groups home ia_load_module iterations key_membership ' +
    'keys loginclass managehome membership name password password_max_age password_min_age password_warn_days profile_membership profiles project provider ' +
    'purge_ssh_keys role_membership roles salt shell system uid',
};

const attributeSets = new Map(Object.entries(CORE_ATTRIBUTES).map(([type, names]) => [type, new Set(names.split(' '))]));

/** Whether `attribute` is one of type `type`'s; undefined when papply does not know the type's attributes. */
export function isKnownAttribute(type: string, attribute: string): boolean | undefined {
  if (attribute === 'name') return true;
  const attributes = attributeSets.get(type);
  if (attributes) return attributes.has(attribute);
  const implemented = findType(type);
  if (!implemented) return undefined;
  // Puppet gives every type with providers a `provider` parameter.
  return implemented.attributes.has(attribute) || attribute === 'provider';
}
