"""The network's good-practice library (Annex 4): write, link to key factors, search."""

from django.db import transaction
from django.db.models import Q

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


def search(network, *, q="", policy_area="", city=None, key_factor=None):
    practices = GoodPractice.objects.filter(network=network).select_related("city")
    if q:
        practices = practices.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(context__icontains=q))
    if policy_area:
        practices = practices.filter(policy_area__iexact=policy_area)
    if city:
        practices = practices.filter(city=city)
    if key_factor:
        practices = practices.filter(key_factors=key_factor)
    return practices.order_by("title").distinct()
