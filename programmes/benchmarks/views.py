"""Benchmark pages: list, import, author a draft, publish, new draft, export. Thin views."""

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, form_status, require

from . import exchange, selectors, services
from .errors import BenchmarkImportError, PublishedBenchmarkError
from .forms import BenchmarkForm, ContextFactorForm, ImportForm, KeyFactorForm

VIEW, MANAGE = "benchmarks.view_benchmarks", "benchmarks.manage_benchmarks"


def _back(benchmark):
    return redirect("benchmark_detail", network=benchmark.network.slug, pk=benchmark.pk)


def benchmark_list(request, network, import_form=None, problems=None):
    require(request, VIEW)
    return render(request, "benchmarks/benchmark_list.html", {
        "benchmarks": selectors.benchmarks(request.network),
        "can_manage": request.user.has_perm(MANAGE, request.network),
        "import_form": import_form or ImportForm(),
        "problems": problems or [],
        "shipped_languages": sorted(exchange.shipped_files()),
    }, status=400 if import_form is not None else 200)


@require_POST
def benchmark_import(request, network):
    require(request, MANAGE)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return benchmark_list(request, network, import_form=form)
    try:
        benchmark = services.import_benchmark(request.network, content=form.cleaned_data["file"].read(), by=request.user)
    except BenchmarkImportError as error:
        form.add_error("file", str(error.message))
        return benchmark_list(request, network, import_form=form, problems=error.problems)
    messages.success(request, _("The benchmark was imported as a draft."))
    return _back(benchmark)


@require_POST
def benchmark_install_shipped(request, network):
    require(request, MANAGE)
    language = request.POST.get("language", "")
    if language not in exchange.shipped_files():
        messages.error(request, _("Choose one of the listed languages."))
        return redirect("benchmark_list", network=network)
    benchmark = services.install_shipped(request.network, language=language, by=request.user)
    messages.success(request, _("The guide's example benchmark was added as a draft."))
    return _back(benchmark)


def benchmark_create(request, network):
    require(request, MANAGE)
    form = BenchmarkForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        benchmark = services.save_benchmark(request.network, by=request.user, **form.values)
        messages.success(request, _("The benchmark was created as a draft: add its key factors."))
        return _back(benchmark)
    return render(request, "benchmarks/benchmark_form.html", {"form": form}, status=form_status(form))


def benchmark_detail(request, network, pk):
    require(request, VIEW)
    benchmark = selectors.get_benchmark(request.network, pk)
    return render(request, "benchmarks/benchmark_detail.html", {
        "benchmark": benchmark,
        "key_factors": list(benchmark.key_factors.all()),
        "other_versions": selectors.other_versions(benchmark),
        "can_manage": request.user.has_perm(MANAGE, request.network),
    })


def _draft_or_back(request, benchmark):
    """Published versions are frozen: say so and offer the way forward instead of a form."""
    if benchmark.is_published:
        messages.error(request, PublishedBenchmarkError.message)
        return _back(benchmark)
    return None


def benchmark_edit(request, network, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, pk)
    if refused := _draft_or_back(request, benchmark):
        return refused
    form = BenchmarkForm(request.POST or None, instance=copy.copy(benchmark), network=request.network)
    if request.method == "POST" and form.is_valid():
        services.save_benchmark(request.network, benchmark=benchmark, by=request.user, **form.values)
        messages.success(request, _("The benchmark was saved."))
        return _back(benchmark)
    return render(request, "benchmarks/benchmark_form.html", {"form": form, "benchmark": benchmark},
                  status=form_status(form))


@require_POST
def benchmark_publish(request, network, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, pk)
    apply_change(request, lambda: services.publish(benchmark, by=request.user),
                 _("Version %(version)s is published and can be attached to programmes.") % {"version": benchmark.version})
    return _back(benchmark)


@require_POST
def benchmark_new_draft(request, network, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, pk)
    drafts = []
    if apply_change(request, lambda: drafts.append(services.start_new_draft(benchmark, by=request.user)),
                    _("A new draft was started from this version.")):
        return _back(drafts[0])
    return _back(benchmark)


def benchmark_export(request, network, pk):
    require(request, VIEW)
    benchmark = selectors.get_benchmark(request.network, pk)
    response = HttpResponse(services.export_json(benchmark), content_type="application/json; charset=utf-8")
    filename = f"{slugify(benchmark.title)[:60] or 'benchmark'}-v{benchmark.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def key_factor_edit(request, network, benchmark_pk, pk=None):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, benchmark_pk)
    if refused := _draft_or_back(request, benchmark):
        return refused
    factor = selectors.get_key_factor(benchmark, pk) if pk else None
    form = KeyFactorForm(request.POST or None, instance=copy.copy(factor), network=request.network, benchmark=benchmark)
    if request.method == "POST" and form.is_valid():
        services.save_key_factor(benchmark, factor=factor, questions=form.questions(), by=request.user, **form.values)
        messages.success(request, _("The key factor was saved."))
        return _back(benchmark)
    return render(request, "benchmarks/key_factor_form.html",
                  {"form": form, "benchmark": benchmark, "factor": factor}, status=form_status(form))


@require_POST
def key_factor_delete(request, network, benchmark_pk, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, benchmark_pk)
    factor = selectors.get_key_factor(benchmark, pk)
    apply_change(request, lambda: services.delete_key_factor(factor, by=request.user),
                 _("The key factor was deleted."))
    return _back(benchmark)


@require_POST
def key_factor_move(request, network, benchmark_pk, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, benchmark_pk)
    factor = selectors.get_key_factor(benchmark, pk)
    apply_change(request, lambda: services.move_key_factor(factor, up=request.POST.get("direction") == "up",
                                                           by=request.user))
    return _back(benchmark)


def context_factor_edit(request, network, benchmark_pk, pk=None):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, benchmark_pk)
    if refused := _draft_or_back(request, benchmark):
        return refused
    factor = selectors.get_context_factor(benchmark, pk) if pk else None
    form = ContextFactorForm(request.POST or None, instance=copy.copy(factor), network=request.network,
                             benchmark=benchmark)
    if request.method == "POST" and form.is_valid():
        services.save_context_factor(benchmark, factor=factor, by=request.user, **form.values)
        messages.success(request, _("The context factor was saved."))
        return _back(benchmark)
    return render(request, "benchmarks/context_factor_form.html",
                  {"form": form, "benchmark": benchmark, "factor": factor}, status=form_status(form))


@require_POST
def context_factor_delete(request, network, benchmark_pk, pk):
    require(request, MANAGE)
    benchmark = selectors.get_benchmark(request.network, benchmark_pk)
    factor = selectors.get_context_factor(benchmark, pk)
    apply_change(request, lambda: services.delete_context_factor(factor, by=request.user),
                 _("The context factor was deleted."))
    return _back(benchmark)
