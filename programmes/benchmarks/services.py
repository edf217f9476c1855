"""Every change to benchmarks: authoring a draft, publishing, new drafts, import and export."""

import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from programmes.core.values import assign
from programmes.tenancy.services import audit

from . import exchange
from .errors import BenchmarkImportError, DraftExistsError, EmptyBenchmarkError, PublishedBenchmarkError
from .models import Benchmark, BenchmarkStatus, ContextFactor, GuidingQuestion, KeyFactor


def check_editable(benchmark):
    if benchmark.is_published:
        raise PublishedBenchmarkError()


def _lock(benchmark):
    """The benchmark row, locked for a change of its factors' numbering (two factors added at once
    would read the same last number), with its status as stored now."""
    return Benchmark.objects.select_for_update().get(pk=benchmark.pk)


@transaction.atomic
def save_benchmark(network, *, benchmark=None, by, **values):
    """Create a draft benchmark of `network`, or change the fields in `values` of `benchmark`, a
    draft as stored now (read again: another tab may have published it meanwhile)."""
    if benchmark is not None:
        check_editable(Benchmark.objects.get(pk=benchmark.pk))
    benchmark = benchmark or Benchmark(network=network)
    assign(benchmark, values)
    benchmark.save()
    audit(benchmark.network, by=by, action="benchmark.saved", subject=str(benchmark))
    return benchmark


@transaction.atomic
def save_key_factor(benchmark, *, factor=None, questions, by, **values):
    """Add a key factor at the end of a draft, or change `factor`, with its guiding questions (given
    in order; they replace the factor's questions)."""
    factor = factor or KeyFactor(network=benchmark.network, benchmark=benchmark)
    assign(factor, values)
    check_editable(_lock(factor.benchmark))
    if factor.number is None:
        factor.number = (factor.benchmark.key_factors.aggregate(top=Max("number"))["top"] or 0) + 1
    factor.save()
    _set_questions(factor, questions)
    audit(factor.network, by=by, action="key_factor.saved", subject=str(factor))
    return factor


def _set_questions(factor, questions):
    factor.questions.all().delete()
    GuidingQuestion.objects.bulk_create(
        GuidingQuestion(network=factor.network, key_factor=factor, order=index, text=text)
        for index, text in enumerate(questions)
    )


@transaction.atomic
def delete_key_factor(factor, *, by):
    check_editable(factor.benchmark)
    audit(factor.network, by=by, action="key_factor.deleted", subject=str(factor))
    factor.delete()


@transaction.atomic
def move_key_factor(factor, *, up, by):
    """Swap a key factor with its neighbour, so the numbering stays 1, 2, 3…"""
    check_editable(_lock(factor.benchmark))
    siblings = factor.benchmark.key_factors.select_for_update()
    neighbour = (siblings.filter(number__lt=factor.number).order_by("-number") if up
                 else siblings.filter(number__gt=factor.number).order_by("number")).first()
    if neighbour is None:
        return factor
    mine, theirs = factor.number, neighbour.number
    factor.number = 0  # free the number first: (benchmark, number) is unique
    factor.save(update_fields=["number"])
    neighbour.number = mine
    neighbour.save(update_fields=["number"])
    factor.number = theirs
    factor.save(update_fields=["number"])
    audit(factor.network, by=by, action="key_factor.moved", subject=str(factor))
    return factor


@transaction.atomic
def save_context_factor(benchmark, *, factor=None, by, **values):
    """Add a context factor at the end of a draft, or change `factor`, with the fields in `values`."""
    factor = factor or ContextFactor(network=benchmark.network, benchmark=benchmark)
    assign(factor, values)
    check_editable(_lock(factor.benchmark))
    if factor.pk is None:
        factor.order = (factor.benchmark.context_factors.aggregate(top=Max("order"))["top"] or 0) + 1
    factor.save()
    audit(factor.network, by=by, action="context_factor.saved", subject=str(factor))
    return factor


@transaction.atomic
def delete_context_factor(factor, *, by):
    check_editable(factor.benchmark)
    audit(factor.network, by=by, action="context_factor.deleted", subject=str(factor))
    factor.delete()


@transaction.atomic
def publish(benchmark, *, by):
    """Freeze this version: from now on it can be attached to programmes and rated against."""
    check_editable(benchmark)
    if not benchmark.key_factors.exists():
        raise EmptyBenchmarkError()
    benchmark.status = BenchmarkStatus.PUBLISHED
    benchmark.published_at = timezone.now()
    benchmark.published_by = by
    benchmark.save(update_fields=["status", "published_at", "published_by"])
    audit(benchmark.network, by=by, action="benchmark.published", subject=str(benchmark))
    return benchmark


@transaction.atomic
def start_new_draft(benchmark, *, by):
    """Copy a published version into the next version, as a draft to edit."""
    versions = Benchmark.objects.filter(network=benchmark.network, lineage=benchmark.lineage)
    list(versions.select_for_update())  # every version locked: a second press waits, then finds the draft
    if versions.filter(status=BenchmarkStatus.DRAFT).exists():
        raise DraftExistsError()
    data = exchange.to_data(benchmark)
    draft = _create_from_data(benchmark.network, data, lineage=benchmark.lineage,
                              version=versions.aggregate(top=Max("version"))["top"] + 1)
    audit(benchmark.network, by=by, action="benchmark.new_draft", subject=str(draft))
    return draft


def export_json(benchmark):
    return json.dumps(exchange.to_data(benchmark), ensure_ascii=False, indent=2)


@transaction.atomic
def import_benchmark(network, *, content, by):
    """Create a draft benchmark from exchange JSON, or raise BenchmarkImportError with every problem."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise BenchmarkImportError([("(document)", f"not valid JSON: {error}")]) from error
    problems = exchange.problems_in(data)
    numbers = [factor.get("number") for factor in data.get("key_factors", [])] if isinstance(data, dict) else []
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1 and isinstance(n, int)})
    problems += [("key_factors", f"number {n} is used more than once") for n in duplicates]
    if problems:
        raise BenchmarkImportError(problems)
    benchmark = _create_from_data(network, data)
    audit(network, by=by, action="benchmark.imported", subject=str(benchmark))
    return benchmark


def install_shipped(network, *, language, by):
    """Add the guide's example benchmark, in `language`, as a draft of this network."""
    path = exchange.shipped_files()[language]
    return import_benchmark(network, content=path.read_text(encoding="utf-8"), by=by)


def _create_from_data(network, data, *, lineage=None, version=1):
    benchmark = Benchmark(network=network, version=version, title=data["title"], policy_area=data["policy_area"],
                          language=data["language"], intro=data.get("intro", ""))
    if lineage is not None:
        benchmark.lineage = lineage
    benchmark.save()
    for item in data["key_factors"]:
        factor = KeyFactor.objects.create(
            network=network, benchmark=benchmark, number=item["number"], title=item["title"],
            is_written=item.get("written", True), rationale=item.get("rationale", ""),
            city_actions=item.get("city_actions", ""), practical_tips=item.get("practical_tips", ""),
            examples=item.get("examples", ""),
        )
        _set_questions(factor, item.get("guiding_questions", []))
    ContextFactor.objects.bulk_create(
        ContextFactor(network=network, benchmark=benchmark, order=index, title=item["title"],
                      description=item.get("description", ""))
        for index, item in enumerate(data.get("context_factors", []))
    )
    return benchmark
