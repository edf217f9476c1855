"""The network's good-practice library (Annex 4): write, link to key factors, search."""

from django.db import transaction
from django.db.models import Q

from programmes.core.links import replace_links
from programmes.tenancy.services import audit

from .models import GoodPractice, GoodPracticeKeyFactor


@transaction.atomic
def save_practice(form, *, by):
    practice = form.save(commit=False)
    if practice.pk is None:
        practice.created_by = by
    practice.save()
    replace_links(GoodPracticeKeyFactor, owner_field="good_practice", owner=practice, target_field="key_factor",
                  targets=form.cleaned_data.get("key_factors") or [])
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
