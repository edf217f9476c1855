"""Changes to a city's local support group, with the guide's rules."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.tenancy.services import audit

from .models import MAX_MEMBERS, SupportGroupMember


class SupportGroupFullError(DomainError):
    message = _("A local support group has at most ten members (the guide's rule). Remove someone first.")


@transaction.atomic
def save_member(form, *, by):
    member = form.save(commit=False)
    if member.pk is None:
        # Lock the city row so that two people adding at once cannot pass the limit together.
        type(member.city).objects.select_for_update().filter(pk=member.city_id).first()
        if SupportGroupMember.objects.filter(city=member.city).count() >= MAX_MEMBERS:
            raise SupportGroupFullError()
    member.save()
    audit(member.network, by=by, action="support_group.member_saved", subject=member.name, city=member.city_id)
    return member


@transaction.atomic
def remove_member(member, *, by):
    audit(member.network, by=by, action="support_group.member_removed", subject=member.name, city=member.city_id)
    member.delete()
