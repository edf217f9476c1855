"""Changes to the network's good-practice library (Annex 4): write a practice, link it to key factors."""

from django.db import transaction

from programmes.core.links import replace_links
from programmes.core.values import assign
from programmes.tenancy.services import audit

from ..models import GoodPractice, GoodPracticeKeyFactor


@transaction.atomic
def save_practice(network, *, practice=None, key_factors=None, by, **values):
    """Add a good practice to `network`'s library, or change `practice`, with the fields in `values`.

    `key_factors` become exactly the key factors it illustrates; None leaves them as they are."""
    practice = practice or GoodPractice(network=network, created_by=by)
    assign(practice, values)
    practice.save()
    if key_factors is not None:
        replace_links(GoodPracticeKeyFactor, owner_field="good_practice", owner=practice, target_field="key_factor",
                      targets=key_factors)
    audit(practice.network, by=by, action="good_practice.saved", subject=practice.title)
    return practice
