"""Directory pages: associations, cities and their contact people. Thin: rules, forms, services."""

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, form_status, require

from . import selectors, services
from .forms import AssociationForm, CityForm, ContactPersonForm, DirectoryFilterForm, RepresentativeForm
from .models import Association, City, ContactPerson

PAGE_SIZE = 25
VIEW, MANAGE = "directory.view_directory", "directory.manage_directory"


def _list(request, model, rows_for, template):
    require(request, VIEW)
    countries = selectors.countries_in_use(model, request.network)
    filters = DirectoryFilterForm(request.GET or None, countries=countries)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    rows = rows_for(request.network, q=criteria.get("q", ""), country=criteria.get("country", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {
        "filters": filters,
        "page": page,
        "can_manage": request.user.has_perm(MANAGE, request.network),
        "query_string": _without_page(request),
    })


def _without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _edit(request, form_class, entry, template, context, *, form_kwargs=None):
    """The form validates a copy of `entry` (the stored row, or a new one): the service compares."""
    require(request, MANAGE)
    form = form_class(request.POST or None, instance=copy.copy(entry), network=request.network, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        entry = services.save_entry(entry, network=request.network, by=request.user, **form.values)
        messages.success(request, _("“%(name)s” was saved.") % {"name": entry})
        return entry, None
    return None, render(request, template, {"form": form, **context}, status=form_status(form))


def _delete(request, entry, delete, back_url, done_url):
    require(request, MANAGE)
    if request.method != "POST":
        return render(request, "directory/confirm_delete.html", {"entry": entry, "back_url": back_url})
    name = str(entry)
    if apply_change(request, lambda: delete(entry, by=request.user), _("“%(name)s” was deleted.") % {"name": name}):
        return redirect(done_url)
    return redirect(back_url)


# --- Associations -------------------------------------------------------------------------

def association_list(request, network):
    return _list(request, Association, selectors.associations, "directory/association_list.html")


def association_detail(request, network, pk):
    require(request, VIEW)
    association = selectors.get_association(request.network, pk)
    return render(request, "directory/association_detail.html", {
        "association": association,
        "can_manage": request.user.has_perm(MANAGE, request.network),
    })


def association_edit(request, network, pk=None):
    association = selectors.get_association(request.network, pk) if pk else None
    entry, response = _edit(request, AssociationForm, association or Association(), "directory/association_form.html",
                            {"association": association})
    return redirect(entry_url(entry)) if entry else response


def association_delete(request, network, pk):
    association = selectors.get_association(request.network, pk)
    return _delete(request, association, services.delete_association, entry_url(association),
                   reverse("directory_associations", kwargs={"network": network}))


# --- Cities -------------------------------------------------------------------------------

def city_list(request, network):
    return _list(request, City, selectors.cities, "directory/city_list.html")


def city_detail(request, network, pk):
    require(request, VIEW)
    city = selectors.get_city(request.network, pk)
    can_manage = request.user.has_perm(MANAGE, request.network)
    return render(request, "directory/city_detail.html", {
        "city": city,
        "can_manage": can_manage,
        "can_see_support_group": request.user.has_perm("supportgroups.manage_support_group", city),
        "can_see_strengths": request.user.has_perm("questionnaires.view_city_response", city),
        "representatives": selectors.representatives(city),
        "representative_form": RepresentativeForm(city=city) if can_manage else None,
    })


@require_POST
def representative_add(request, network, pk):
    require(request, MANAGE)
    city = selectors.get_city(request.network, pk)
    form = RepresentativeForm(request.POST, city=city)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(entry_url(city) + "#representatives")
    person = form.cleaned_data["user"]
    apply_change(request, lambda: services.add_representative(city, user=person,
                                                               speaks_for=form.cleaned_data["speaks_for"],
                                                               by=request.user),
                 _("%(person)s now speaks for %(city)s.") % {"person": person.display_name, "city": city.name})
    return redirect(entry_url(city) + "#representatives")


@require_POST
def representative_remove(request, network, pk, representative_pk):
    require(request, MANAGE)
    city = selectors.get_city(request.network, pk)
    representative = selectors.get_representative(city, representative_pk)
    services.remove_representative(representative, by=request.user)
    messages.success(request, _("%(person)s no longer speaks for %(city)s.")
                     % {"person": representative.user.display_name, "city": city.name})
    return redirect(entry_url(city) + "#representatives")


def city_edit(request, network, pk=None):
    city = selectors.get_city(request.network, pk) if pk else None
    initial = {"association": request.GET.get("association")} if city is None else None
    entry, response = _edit(request, CityForm, city or City(), "directory/city_form.html", {"city": city},
                            form_kwargs={"initial": initial})
    return redirect(entry_url(entry)) if entry else response


def city_delete(request, network, pk):
    city = selectors.get_city(request.network, pk)
    return _delete(request, city, services.delete_city, entry_url(city),
                   reverse("directory_cities", kwargs={"network": network}))


# --- Contact people -----------------------------------------------------------------------

def contact_add(request, network, owner, pk):
    if owner == "association":
        organisation = selectors.get_association(request.network, pk)
        contact = ContactPerson(association=organisation)
    else:
        organisation = selectors.get_city(request.network, pk)
        contact = ContactPerson(city=organisation)
    entry, response = _edit(request, ContactPersonForm, contact, "directory/contact_form.html",
                            {"organisation": organisation, "organisation_url": entry_url(organisation)})
    return redirect(entry_url(organisation)) if entry else response


def contact_edit(request, network, pk):
    contact = selectors.get_contact(request.network, pk)
    entry, response = _edit(request, ContactPersonForm, contact, "directory/contact_form.html", {
        "organisation": contact.organisation, "organisation_url": entry_url(contact.organisation), "contact": contact,
    })
    return redirect(entry_url(contact.organisation)) if entry else response


def contact_delete(request, network, pk):
    contact = selectors.get_contact(request.network, pk)
    back = entry_url(contact.organisation)
    return _delete(request, contact, services.delete_contact, back, back)


def entry_url(entry):
    name = "directory_association" if isinstance(entry, Association) else "directory_city"
    return reverse(name, kwargs={"network": entry.network.slug, "pk": entry.pk})
