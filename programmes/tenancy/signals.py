"""What tenancy tells the apps above it, which it may not import (DESIGN.md, "Floors")."""

from django.dispatch import Signal

#: Sent inside the transaction (and scope) that accepts an invitation, with `invitation` and
#: `user` (who accepted it): the notifications app tells whoever sent it.
invitation_accepted = Signal()

#: Sent inside the transaction that changes a member's network role, with `membership`: the
#: notifications app drops what the new role no longer reads.
role_changed = Signal()
