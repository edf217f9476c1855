"""What mentorships tell the apps above them, which it may not import (DESIGN.md, "Floors")."""

from django.dispatch import Signal

#: Sent inside the transaction that creates a programme, with `programme`: the apps that hang
#: defaults on a programme (visits: its reminder rules) add them in the same transaction.
programme_created = Signal()

#: Sent inside the transaction that removes someone from a mentorship, with `user_id` and
#: `mentorship_id`: the notifications app forgets what it had not yet told them about it.
participant_removed = Signal()

#: Sent inside the transaction that detaches a facilitator from a programme, with `user_id` and
#: `network`: the notifications app drops what they no longer read.
facilitator_removed = Signal()
