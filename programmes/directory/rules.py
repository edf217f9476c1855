"""Who may read and keep the directory. Objects are checked through their network."""

import rules

from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator

rules.add_perm("directory.view_directory", is_network_member | is_site_operator)
rules.add_perm("directory.manage_directory", is_network_coordinator | is_site_operator)
