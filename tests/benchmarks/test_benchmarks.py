import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from programmes.benchmarks import exchange, services
from programmes.benchmarks.errors import BenchmarkImportError, DraftExistsError, PublishedBenchmarkError
from programmes.benchmarks.models import Benchmark
from programmes.benchmarks.templatetags.safe_markdown import render_markdown
from tests.factories import BenchmarkFactory, KeyFactorFactory, MembershipFactory, UserFactory


@pytest.fixture
def coordinator_a(network_a):
    user = UserFactory(email="coordinator@a.example")
    MembershipFactory(network=network_a, user=user, role="coordinator")
    return user


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def test_shipped_example_has_key_factor_8_complete_and_the_others_marked(network_a, coordinator_a):
    with scope(network=network_a):
        english = services.install_shipped(network_a, language="en", by=coordinator_a)
        italian = services.install_shipped(network_a, language="it", by=coordinator_a)
        factors = list(english.key_factors.order_by("number"))
        assert [f.number for f in factors] == list(range(1, 9))
        assert not any(f.is_written for f in factors[:7])
        eight = factors[7]
        assert eight.is_written
        assert eight.title == "Support non-formal language learning through volunteering"
        assert eight.questions.count() == 4
        assert "CAMIM" in eight.examples
        assert italian.key_factors.get(number=8).title.startswith("Sostenere l'apprendimento")
        assert english.context_factors.count() == 3


@pytest.mark.parametrize("language", sorted(exchange.shipped_files()))
def test_shipped_files_follow_the_documented_schema(language):
    data = json.loads(exchange.shipped_files()[language].read_text(encoding="utf-8"))
    assert exchange.problems_in(data) == []


def test_export_then_import_gives_the_same_benchmark(network_a, network_b, coordinator_a):
    with scope(network=network_a):
        original = services.install_shipped(network_a, language="en", by=coordinator_a)
        content = services.export_json(original)
    with scope(network=network_b):
        copy = services.import_benchmark(network_b, content=content, by=None)
        assert exchange.to_data(copy) == json.loads(content)
        assert copy.network == network_b
        assert not copy.is_published


def test_a_bad_file_is_refused_with_every_problem_and_creates_nothing(network_a, coordinator_a):
    data = json.loads(exchange.shipped_files()["en"].read_text(encoding="utf-8"))
    data["key_factors"][0]["number"] = "one"
    data["key_factors"][1]["colour"] = "blue"
    del data["title"]
    with scope(network=network_a):
        with pytest.raises(BenchmarkImportError) as error:
            services.import_benchmark(network_a, content=json.dumps(data), by=coordinator_a)
        paths = [path for path, _reason in error.value.problems]
        assert "(document)" in paths
        assert "key_factors/0/number" in paths
        assert "key_factors/1" in paths
        with pytest.raises(BenchmarkImportError) as error:
            services.import_benchmark(network_a, content="{not json", by=coordinator_a)
        assert "not valid JSON" in error.value.problems[0][1]
        assert not Benchmark.objects.exists()


def test_import_page_lists_the_problems(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("bad.json", b'{"format": "something else"}', content_type="application/json")
    response = client.post(_url("benchmark_import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page
    assert "<code>format</code>" in page


def test_publishing_freezes_and_edits_go_to_a_new_draft(client, network_a, coordinator_a):
    benchmark = BenchmarkFactory(network=network_a)
    factor = KeyFactorFactory(network=network_a, benchmark=benchmark)
    with scope(network=network_a):
        services.publish(benchmark, by=coordinator_a)
        with pytest.raises(PublishedBenchmarkError):
            services.delete_key_factor(factor, by=coordinator_a)
        draft = services.start_new_draft(benchmark, by=coordinator_a)
        assert draft.version == 2
        assert draft.lineage == benchmark.lineage
        assert not draft.is_published
        assert draft.key_factors.get().title == factor.title
        with pytest.raises(DraftExistsError):
            services.start_new_draft(benchmark, by=coordinator_a)
    client.force_login(coordinator_a)
    response = client.get(_url("key_factor_edit", benchmark_pk=benchmark.pk, pk=factor.pk), follow=True)
    assert "published and frozen" in response.content.decode()


def test_coordinator_writes_and_reorders_key_factors(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    client.post(_url("benchmark_create"), {"title": "Housing for all", "policy_area": "Housing", "language": "en"})
    with scope(network=network_a):
        benchmark = Benchmark.objects.get(title="Housing for all")
    for title in ("Affordable rents", "Fair allocation"):
        client.post(_url("key_factor_create", benchmark_pk=benchmark.pk), {
            "title": title, "is_written": "on", "rationale": "Because.",
            "guiding_questions": "Is there a waiting list?\n\nWho decides?",
        })
    with scope(network=network_a):
        second = benchmark.key_factors.get(title="Fair allocation")
        assert second.number == 2
        assert [q.text for q in second.questions.all()] == ["Is there a waiting list?", "Who decides?"]
    client.post(_url("key_factor_move", benchmark_pk=benchmark.pk, pk=second.pk), {"direction": "up"})
    with scope(network=network_a):
        assert list(benchmark.key_factors.order_by("number").values_list("title", flat=True)) == [
            "Fair allocation", "Affordable rents"]


def test_formatted_text_cannot_run_scripts():
    html = render_markdown('Hello <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
                           '\n\n- one\n- [two](https://example.org)')
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "<img" not in html
    assert '<li><a href="https://example.org" rel="noopener noreferrer">two</a></li>' in html


def test_programme_takes_only_a_published_benchmark(client, network_a, coordinator_a):
    draft = BenchmarkFactory(network=network_a, title="Draft only")
    published = BenchmarkFactory(network=network_a, title="Ready", status="published")
    client.force_login(coordinator_a)
    page = client.get(reverse("programme_create", kwargs={"network": "network-a"})).content.decode()
    assert "Ready" in page
    assert "Draft only" not in page
    data = {"title": "P", "theme": "T", "start_date": "2027-01-01", "end_date": "2027-12-31", "format": "pairs",
            "planned_visits": "3", "max_focus_factors": "3", "status": "draft", "benchmark": draft.pk,
            "uses_benchmark": "on"}
    assert "Select a valid choice" in client.post(reverse("programme_create", kwargs={"network": "network-a"}),
                                                  data).content.decode()
    data["benchmark"] = published.pk
    response = client.post(reverse("programme_create", kwargs={"network": "network-a"}), data, follow=True)
    assert "Ready (version 1)" in response.content.decode()


def test_benchmark_page_queries_do_not_grow_with_key_factors(client, network_a, coordinator_a,
                                                             django_assert_max_num_queries):
    benchmark = BenchmarkFactory(network=network_a)
    for number in range(1, 26):
        KeyFactorFactory(network=network_a, benchmark=benchmark, number=number)
    client.force_login(coordinator_a)
    with django_assert_max_num_queries(12):
        assert client.get(_url("benchmark_detail", pk=benchmark.pk)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(_url("benchmark_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(_url("benchmark_export", pk=benchmark.pk)).status_code == 200


def test_a_draft_is_written_with_values_alone_and_frozen_once_published(network_a, coordinator_a):
    with scope(network=network_a):
        benchmark = services.save_benchmark(network_a, by=coordinator_a, title="Housing for all",
                                            policy_area="Housing", language="en")
        factor = services.save_key_factor(benchmark, questions=["Is there a waiting list?"], by=coordinator_a,
                                          title="Affordable rents", rationale="Because.")
        services.save_key_factor(benchmark, factor=factor, questions=["Who decides?"], by=coordinator_a,
                                 title="Affordable and fair rents")
        second = services.save_key_factor(benchmark, questions=[], by=coordinator_a, title="Fair allocation")
        context = services.save_context_factor(benchmark, by=coordinator_a, title="National housing law")
        services.save_benchmark(network_a, benchmark=benchmark, by=coordinator_a, intro="Homes for newcomers.")
        factor.refresh_from_db()
        assert (factor.number, factor.title, factor.rationale) == (1, "Affordable and fair rents", "Because.")
        assert [q.text for q in factor.questions.all()] == ["Who decides?"]
        assert (second.number, context.order) == (2, 1)
        services.publish(benchmark, by=coordinator_a)
        for change in (lambda: services.save_benchmark(network_a, benchmark=benchmark, by=coordinator_a, title="New"),
                       lambda: services.save_key_factor(benchmark, questions=[], by=coordinator_a, title="New"),
                       lambda: services.save_context_factor(benchmark, factor=context, by=coordinator_a, title="New")):
            with pytest.raises(PublishedBenchmarkError):
                change()
        benchmark.refresh_from_db()
        assert benchmark.intro == "Homes for newcomers."
        assert benchmark.key_factors.count() == 2
