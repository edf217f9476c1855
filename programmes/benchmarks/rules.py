"""Benchmarks belong to the network: members read them, coordinators write and publish them."""

import rules

from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator

rules.add_perm("benchmarks.view_benchmarks", is_network_member | is_site_operator)
rules.add_perm("benchmarks.manage_benchmarks", is_network_coordinator | is_site_operator)
