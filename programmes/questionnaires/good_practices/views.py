"""The good-practice library pages (Annex 4)."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from programmes.core.access import form_status, require

from . import selectors, services
from .forms import GoodPracticeForm, GoodPracticeSearchForm


def library(request, network):
    require(request, "questionnaires.view_good_practices")
    form = GoodPracticeSearchForm(request.GET or None, network=request.network,
                                  policy_areas=selectors.policy_areas(request.network))
    criteria = form.cleaned_data if form.is_valid() else {}
    return render(request, "questionnaires/good_practice_list.html", {
        "form": form,
        "practices": selectors.search(request.network, **{k: v for k, v in criteria.items() if v}),
        "can_add": request.user.has_perm("questionnaires.add_good_practice", request.network),
    })


def detail(request, network, pk):
    require(request, "questionnaires.view_good_practices")
    practice = selectors.get_practice(request.network, pk)
    return render(request, "questionnaires/good_practice_detail.html", {
        "practice": practice,
        "can_change": request.user.has_perm("questionnaires.change_good_practice", practice),
    })


def edit(request, network, pk=None):
    practice = selectors.get_practice(request.network, pk) if pk else None
    if practice:
        require(request, "questionnaires.change_good_practice", practice)
    else:
        require(request, "questionnaires.add_good_practice")
    form = GoodPracticeForm(request.POST or None, instance=copy.copy(practice), network=request.network)
    if request.method == "POST" and form.is_valid():
        saved = services.save_practice(request.network, practice=practice, by=request.user,
                                       key_factors=form.cleaned_data["key_factors"], **form.values)
        messages.success(request, _("The good practice was saved."))
        return redirect("good_practice_detail", network=network, pk=saved.pk)
    return render(request, "questionnaires/good_practice_form.html", {"form": form, "practice": practice},
                  status=form_status(form))
