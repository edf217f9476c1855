"""A mentee city's local support group (Annex 5): list, add, edit, remove."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes.core.access import form_status, require
from programmes.core.errors import DomainError
from programmes.directory import selectors as directory_selectors

from . import selectors, services
from .forms import SupportGroupMemberForm
from .models import MAX_MEMBERS

PERM = "supportgroups.manage_support_group"


def _city(request, pk):
    city = directory_selectors.get_city(request.network, pk)
    require(request, PERM, city)
    return city


def _edit(request, city, member):
    form = SupportGroupMemberForm(request.POST or None, instance=copy.copy(member), network=request.network, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_member(city, member=member, by=request.user, **form.values)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("%(name)s was saved in the support group.") % {"name": saved.name})
            return redirect("support_group", network=city.network.slug, pk=city.pk)
    members = selectors.members_of(city)
    return render(request, "supportgroups/support_group.html", {
        "city": city, "members": members, "form": form, "member": member, "max_members": MAX_MEMBERS,
        "lacks_migrant_representative": not any(m.stakeholder_type == "migrant_representative" for m in members),
    }, status=form_status(form))


def support_group(request, network, pk):
    return _edit(request, _city(request, pk), None)


def member_edit(request, network, pk, member_pk):
    city = _city(request, pk)
    return _edit(request, city, selectors.get_member(city, member_pk))


def member_remove(request, network, pk, member_pk):
    city = _city(request, pk)
    member = selectors.get_member(city, member_pk)
    back = reverse("support_group", kwargs={"network": network, "pk": city.pk})
    if request.method != "POST":
        return render(request, "directory/confirm_delete.html", {"entry": member, "back_url": back})
    services.remove_member(member, by=request.user)
    messages.success(request, _("%(name)s was removed from the support group.") % {"name": member.name})
    return redirect(back)
