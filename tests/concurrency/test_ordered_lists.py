"""Every list that is appended to with "the last number + 1" gets numbers of its own when people
add at the same moment: agenda items of a visit, key factors and context factors of a benchmark,
questions of an adapted needs analysis, submitted versions of a questionnaire. The parent row is
locked for the add. Real concurrent transactions on PostgreSQL, one connection per thread."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.benchmarks import services as benchmark_services
from programmes.benchmarks.models import ContextFactor, KeyFactor
from programmes.questionnaires import services as questionnaire_services
from programmes.questionnaires.adaptation import services as adaptation
from programmes.questionnaires.models import Question, Submission
from programmes.visits import services as visit_services
from tests.concurrency.threads import require_postgresql, run_together
from tests.factories import BenchmarkFactory, MentorshipFactory, ProgrammeFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WRITERS, EACH = 6, 4


def _writers(job):
    return [lambda index=index: [job(index, n) for n in range(EACH)] for index in range(WRITERS)]


@pytest.fixture(autouse=True)
def _postgresql():
    require_postgresql()


def test_agenda_items_added_at_once_get_positions_of_their_own(network_a):
    programme = ProgrammeFactory(network=network_a)
    starts = timezone.now() + timedelta(days=30)
    with scope(network=network_a):
        visit = visit_services.plan_visit(programme=programme, by=None, values={
            "kind": "training", "starts_at": starts, "ends_at": starts + timedelta(hours=6),
            "time_zone": "Europe/Rome"})

    def add(index, n):
        visit_services.save_agenda_item(visit, values={"title": f"Session {index}.{n}", "day": 1}, by=None)

    assert run_together(network_a, _writers(add)) == []
    with scopes_disabled():
        positions = sorted(visit.agenda.values_list("position", flat=True))
    assert len(positions) == WRITERS * EACH
    assert len(set(positions)) == len(positions)


def test_key_factors_added_at_once_get_numbers_of_their_own(network_a):
    benchmark = BenchmarkFactory(network=network_a)

    def add(index, n):
        benchmark_services.save_key_factor(benchmark, questions=[], by=None, title=f"Factor {index}.{n}",
                                           rationale="Because.")

    assert run_together(network_a, _writers(add)) == []
    with scopes_disabled():
        numbers = sorted(KeyFactor.objects.filter(benchmark=benchmark).values_list("number", flat=True))
    assert numbers == list(range(1, WRITERS * EACH + 1))


def test_context_factors_added_at_once_get_places_of_their_own(network_a):
    benchmark = BenchmarkFactory(network=network_a)

    def add(index, n):
        benchmark_services.save_context_factor(benchmark, by=None, title=f"Context {index}.{n}")

    assert run_together(network_a, _writers(add)) == []
    with scopes_disabled():
        orders = sorted(ContextFactor.objects.filter(benchmark=benchmark).values_list("order", flat=True))
    assert orders == list(range(1, WRITERS * EACH + 1))


def test_questions_added_at_once_keep_the_numbering_one_to_n(network_a):
    programme = ProgrammeFactory(network=network_a)
    with scope(network=network_a):
        template = adaptation.adapt_for_programme(programme, language="en", by=None)
        sections = list(template.sections.order_by("order"))
        shipped = Question.objects.filter(section__template=template).count()

    def add(index, n):
        adaptation.save_question(template, sections[(index + n) % len(sections)], by=None,
                                 text=f"Question {index}.{n}", kind="long_text")

    assert run_together(network_a, _writers(add)) == []
    with scopes_disabled():
        numbers = sorted(Question.objects.filter(section__template=template).values_list("number", flat=True))
    assert numbers == list(range(1, shipped + WRITERS * EACH + 1))


def test_versions_submitted_at_once_get_numbers_of_their_own(network_a):
    mentorship = MentorshipFactory(network=network_a)
    with scope(network=network_a):
        response = questionnaire_services.start_response(mentorship, kind="annex2", language="en", by=None)
        question = Question.objects.filter(section__template=response.template).first()
        questionnaire_services.save_answer(response, question, text="Our needs.", based_on_version=0, by=None)

    def submit(index, n):
        questionnaire_services.submit_version(response, label=f"Version {index}.{n}", by=None)

    assert run_together(network_a, _writers(submit)) == []
    with scopes_disabled():
        numbers = sorted(Submission.objects.filter(response=response).values_list("number", flat=True))
    assert numbers == list(range(1, WRITERS * EACH + 1))


def test_new_drafts_of_a_benchmark_started_at_once_make_one_draft(network_a):
    from programmes.benchmarks.errors import DraftExistsError
    from programmes.benchmarks.models import Benchmark
    from tests.factories import KeyFactorFactory

    benchmark = BenchmarkFactory(network=network_a, status="published")
    KeyFactorFactory(network=network_a, benchmark=benchmark)
    errors = run_together(network_a, [lambda: benchmark_services.start_new_draft(benchmark, by=None)] * WRITERS)
    assert len(errors) == WRITERS - 1, errors
    assert all(isinstance(error, DraftExistsError) for error in errors), errors
    with scopes_disabled():
        assert sorted(Benchmark.objects.filter(lineage=benchmark.lineage).values_list("version", flat=True)) == [1, 2]


def test_new_versions_of_an_adapted_template_made_at_once_get_numbers_of_their_own(network_a):
    from programmes.questionnaires.models import QuestionnaireTemplate

    programme = ProgrammeFactory(network=network_a)
    with scope(network=network_a):
        template = adaptation.adapt_for_programme(programme, language="en", by=None)
    assert run_together(network_a, [lambda: adaptation.new_version(template, by=None)] * WRITERS) == []
    with scopes_disabled():
        versions = sorted(QuestionnaireTemplate.objects.filter(programme=programme).values_list("version", flat=True))
    assert versions == list(range(1, WRITERS + 2))
