"""What mentorships tell the apps above them, which it may not import (DESIGN.md, "Floors")."""

from django.dispatch import Signal

#: Sent inside the transaction that creates a programme, with `programme`: the apps that hang
#: defaults on a programme (visits: its reminder rules) add them in the same transaction.
programme_created = Signal()
