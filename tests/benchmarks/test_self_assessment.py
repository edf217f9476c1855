import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.benchmarks.models import Rating
from programmes.benchmarks.self_assessment import services
from tests.factories import (
    BenchmarkFactory,
    ContextFactorFactory,
    KeyFactorFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture
def benchmark(network_a):
    benchmark = BenchmarkFactory(network=network_a, status="published")
    for number in range(1, 6):
        KeyFactorFactory(network=network_a, benchmark=benchmark, number=number, title=f"Factor {number}")
    ContextFactorFactory(network=network_a, benchmark=benchmark, title="National law")
    return benchmark


@pytest.fixture
def mentorship(network_a, benchmark):
    programme = ProgrammeFactory(network=network_a, benchmark=benchmark, max_focus_factors=2)
    return MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen")


def _person(network, mentorship, role):
    user = UserFactory()
    MembershipFactory(network=network, user=user)
    ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return user


@pytest.fixture
def mentee(network_a, mentorship):
    return _person(network_a, mentorship, "mentee_team")


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def test_focus_factors_are_limited_by_the_programme(network_a, mentorship, mentee):
    with scope(network=network_a):
        assessment = services.start(mentorship, round="initial", by=mentee)
        ratings = list(assessment.ratings.order_by("key_factor__number"))
        assert len(ratings) == 5
        for rating in ratings[:2]:
            services.rate(rating, level=1, evidence="", answers={}, is_focus=True, by=mentee)
        with pytest.raises(services.TooManyFocusFactorsError):
            services.rate(ratings[2], level=2, evidence="", answers={}, is_focus=True, by=mentee)
        services.rate(ratings[0], level=1, evidence="", answers={}, is_focus=False, by=mentee)
        services.rate(ratings[2], level=2, evidence="", answers={}, is_focus=True, by=mentee)
        assert assessment.ratings.filter(is_focus=True).count() == 2


def test_final_round_needs_a_completed_first_one(network_a, mentorship, mentee):
    with scope(network=network_a):
        initial = services.start(mentorship, round="initial", by=mentee)
        with pytest.raises(services.FinalRoundTooEarlyError):
            services.start(mentorship, round="final", by=mentee)
        services.complete(initial, by=mentee)
        with pytest.raises(services.AssessmentCompletedError):
            services.rate(initial.ratings.first(), level=3, evidence="", answers={}, is_focus=False, by=mentee)
        assert services.start(mentorship, round="final", by=mentee).ratings.count() == 5


def test_mentee_rates_with_autosave_and_sees_the_chart(client, network_a, mentorship, mentee, benchmark):
    client.force_login(mentee)
    client.post(_url("self_assessment_start", pk=mentorship.pk), {"round": "initial"})
    with scope(network=network_a):
        factor = benchmark.key_factors.get(number=2)
    url = _url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=factor.pk)
    response = client.post(url, {"level": "2", "evidence": "Two volunteer cafés.", "is_focus": "on"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    response = client.post(url, {"level": "3", "evidence": "Three cafés."}, follow=True)  # the plain button
    assert "were saved" in response.content.decode()
    page = client.get(_url("self_assessment", pk=mentorship.pk)).content.decode()
    assert "<svg" in page
    assert 'role="img"' in page
    assert "Fully in place" in page  # the table alternative
    with scope(network=network_a):
        rating = Rating.objects.get(key_factor=factor)
        assert (rating.level, rating.evidence, rating.is_focus) == (3, "Three cafés.", False)


def test_too_many_focus_factors_is_explained_and_typed_text_kept(client, network_a, mentorship, mentee, benchmark):
    client.force_login(mentee)
    client.post(_url("self_assessment_start", pk=mentorship.pk), {"round": "initial"})
    with scope(network=network_a):
        factors = list(benchmark.key_factors.order_by("number"))
    for factor in factors[:2]:
        client.post(_url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=factor.pk),
                    {"level": "1", "is_focus": "on"})
    response = client.post(_url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=factors[2].pk),
                           {"level": "1", "evidence": "Keep me", "is_focus": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "the most focus factors this programme allows" in page
    assert "Keep me" in page


def test_mentor_comments_but_cannot_rate(client, network_a, mentorship, mentee, benchmark):
    mentor = _person(network_a, mentorship, "mentor_team")
    with scope(network=network_a):
        services.start(mentorship, round="initial", by=mentee)
        factor = benchmark.key_factors.get(number=1)
    client.force_login(mentor)
    url = _url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=factor.pk)
    assert client.post(url, {"level": "3"}).status_code == 403
    client.post(_url("self_assessment_comment", pk=mentorship.pk, round="initial", factor_pk=factor.pk),
                {"text": "In Mechelen we began with a buddy scheme."})
    client.force_login(mentee)
    assert "buddy scheme" in client.get(url).content.decode()


def test_programme_sees_only_completed_focus_choices_and_counts(client, network_a, mentorship, mentee, benchmark):
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    with scope(network=network_a):
        assessment = services.start(mentorship, round="initial", by=mentee)
        rating = assessment.ratings.get(key_factor__number=4)
        services.rate(rating, level=0, evidence="secret evidence", answers={}, is_focus=True, by=mentee)
    client.force_login(coordinator)
    url = _url("programme_focus", pk=mentorship.programme.pk)
    assert "Factor 4" not in client.get(url).content.decode().split("Focus factors chosen")[1].split("Ratings")[0]
    with scope(network=network_a):
        services.complete(assessment, by=mentee)
    page = client.get(url).content.decode()
    assert "4. Factor 4" in page
    assert "secret evidence" not in page
    assert client.get(_url("self_assessment", pk=mentorship.pk)).status_code == 403  # the content stays private


def test_rating_another_benchmarks_factor_is_not_found(client, network_a, mentorship, mentee):
    other = KeyFactorFactory(network=network_a, benchmark=BenchmarkFactory(network=network_a))
    client.force_login(mentee)
    client.post(_url("self_assessment_start", pk=mentorship.pk), {"round": "initial"})
    url = _url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=other.pk)
    assert client.get(url).status_code == 404


def test_self_assessment_pages_in_constant_queries(client, network_a, mentee, mentorship, django_assert_max_num_queries):
    big = BenchmarkFactory(network=network_a, status="published")
    for number in range(1, 26):
        KeyFactorFactory(network=network_a, benchmark=big, number=number)
    programme = mentorship.programme
    programme.benchmark = big
    from django_scopes import scopes_disabled

    with scopes_disabled():
        programme.save()
    others = [MentorshipFactory(network=network_a, programme=programme) for _ in range(40)]
    with scope(network=network_a):
        for other in others + [mentorship]:
            services.complete(services.start(other, round="initial", by=mentee), by=mentee)
        services.start(mentorship, round="final", by=mentee)
    client.force_login(mentee)
    with django_assert_max_num_queries(15):
        assert client.get(_url("self_assessment", pk=mentorship.pk)).status_code == 200
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    client.force_login(coordinator)
    with django_assert_max_num_queries(13):
        assert client.get(_url("programme_focus", pk=programme.pk)).status_code == 200


def test_final_round_is_shown_beside_the_first_to_show_the_change(client, network_a, mentorship, mentee):
    with scope(network=network_a):
        initial = services.start(mentorship, round="initial", by=mentee)
        services.rate(initial.ratings.get(key_factor__number=3), level=0, evidence="", answers={}, is_focus=True,
                      by=mentee)
        services.complete(initial, by=mentee)
        final = services.start(mentorship, round="final", by=mentee)
        services.rate(final.ratings.get(key_factor__number=3), level=3, evidence="", answers={}, is_focus=False,
                      by=mentee)
    client.force_login(mentee)
    page = client.get(_url("self_assessment", pk=mentorship.pk)).content.decode()
    assert "At the start of the mentoring" in page
    assert "At the end of the programme" in page
    row = page.split("3. Factor 3")[2].split("</tr>")[0]  # the table row, after the chart's label
    assert row.index("Not in place") < row.index("Fully in place")
    assert page.count('fill="#b35c00"') >= 1  # the final round's bars in the chart


def test_autosave_error_shows_typed_markup_as_text(client, network_a, mentorship, mentee, benchmark):
    client.force_login(mentee)
    client.post(_url("self_assessment_start", pk=mentorship.pk), {"round": "initial"})
    with scope(network=network_a):
        factor = benchmark.key_factors.get(number=1)
    url = _url("self_assessment_rate", pk=mentorship.pk, round="initial", factor_pk=factor.pk)
    reply = client.post(url, {"level": "<img src=x onerror=alert(1)>"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Not saved" in reply
    assert "<img" not in reply
    assert "&lt;img" in reply
