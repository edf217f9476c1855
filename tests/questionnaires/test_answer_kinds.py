"""Choice, table and city-figures questions: what a person types, what is refused and why, what the
city profile gets back."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django_scopes import scope

from programmes.directory.models import City
from programmes.questionnaires import answer_kinds, services
from programmes.questionnaires.models import Answer, Question, QuestionKind
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ParticipantFactory, UserFactory


def _question(kind, **options):
    return Question(kind=kind, number=1, text="Q", options=options)


def _post(**fields):
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


COLUMNS = [{"label": "Nationality", "kind": "text"}, {"label": "Residents", "kind": "number"}]
AREAS = [{"value": "housing", "label": "Housing"}, {"value": "language_learning", "label": "Language learning"}]


def test_several_choices_keep_their_keys_and_read_as_labels():
    question = _question(QuestionKind.CHOICES, choices=AREAS)
    posted = answer_kinds.read(question, _post(choice=["language_learning", "housing"]))
    assert answer_kinds.clean(question, posted.raw) == ("Language learning\nHousing", ["language_learning", "housing"])
    with pytest.raises(answer_kinds.InvalidAnswer, match="Choose from the list"):
        answer_kinds.clean(question, ["gardening"])


def test_one_choice_may_be_left_unanswered():
    question = _question(QuestionKind.CHOICE, choices=AREAS)
    assert answer_kinds.clean(question, "housing") == ("Housing", "housing")
    assert answer_kinds.clean(question, "") == ("", None)


def test_a_half_filled_table_row_is_refused_naming_the_row_and_column():
    question = _question(QuestionKind.TABLE, columns=COLUMNS)
    posted = answer_kinds.read(question, _post(rows="3", **{"cell-0-0": "Romanian", "cell-0-1": "120",
                                                             "cell-1-0": "", "cell-1-1": "",
                                                             "cell-2-0": "Tunisian", "cell-2-1": ""}))
    with pytest.raises(answer_kinds.InvalidAnswer, match="Row 3 is half filled: “Residents” is missing"):
        answer_kinds.clean(question, posted.raw)
    posted.raw[2][1] = "many"
    with pytest.raises(answer_kinds.InvalidAnswer, match="Row 3: “Residents” must be a number"):
        answer_kinds.clean(question, posted.raw)
    posted.raw[2][1] = "85"
    assert answer_kinds.clean(question, posted.raw) == ("Romanian | 120\nTunisian | 85",
                                                         [["Romanian", "120"], ["Tunisian", "85"]])


def test_a_table_never_takes_more_rows_than_allowed():
    question = _question(QuestionKind.TABLE, columns=COLUMNS, max_rows=2)
    posted = answer_kinds.read(question, _post(rows="50", **{f"cell-{r}-0": "x" for r in range(50)}))
    assert len(posted.raw) == 2


@pytest.mark.parametrize(("typed", "expected"), [("12500", 12500), ("12 500", 12500), ("12.500", 12500),
                                             ("12,500", 12500)])
def test_city_figures_accept_thousands_separators(typed, expected):
    question = _question(QuestionKind.CITY_FIGURES)
    _text, data = answer_kinds.clean(question, {"population": typed, "migrant_residents": "", "nationalities": []})
    assert data["population"] == expected


@pytest.mark.parametrize("typed", ["12,5", "about 5000", "-3"])
def test_city_figures_refuse_what_is_not_a_whole_number(typed):
    question = _question(QuestionKind.CITY_FIGURES)
    with pytest.raises(answer_kinds.InvalidAnswer, match="Number of inhabitants: enter a whole number"):
        answer_kinds.clean(question, {"population": typed, "migrant_residents": "", "nationalities": []})


def test_more_migrant_residents_than_inhabitants_is_refused():
    question = _question(QuestionKind.CITY_FIGURES)
    with pytest.raises(answer_kinds.InvalidAnswer, match="more residents of immigrant origin than inhabitants"):
        answer_kinds.clean(question, {"population": "100", "migrant_residents": "200", "nationalities": []})


# --- On the needs analysis page ----------------------------------------------------------------


@pytest.fixture
def capaci(network_a):
    return CityFactory(network=network_a, name="Capaci", population=11_500, migrant_residents=480,
                       main_nationalities="Romanian, Tunisian")


@pytest.fixture
def mentorship(network_a, capaci):
    return MentorshipFactory(network=network_a, mentee=capaci, mentor=CityFactory(network=network_a))


@pytest.fixture
def mentee(network_a, mentorship):
    user = UserFactory()
    MembershipFactory(network=network_a, user=user)
    ParticipantFactory(network=network_a, mentorship=mentorship, user=user, role="mentee_team")
    return user


@pytest.fixture
def figures(network_a, mentorship):
    with scope(network=network_a):
        response = services.start_response(mentorship, kind="annex2", language="en", by=None)
        return Question.objects.get(section__template=response.template, number=13)


def _answer_url(mentorship, question):
    return reverse("needs_analysis_answer", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                    "question_pk": question.pk})


def test_figures_start_from_the_city_profile(client, mentorship, mentee, figures):
    client.force_login(mentee)
    page = client.get(reverse("needs_analysis", kwargs={"network": "network-a", "pk": mentorship.pk})).content.decode()
    assert "Prefilled from the profile of Capaci" in page
    assert f'name="population" id="answer-{figures.pk}-population" value="11500"' in page
    assert 'value="Tunisian" aria-label="Nationality or group, row 2"' in page


def test_saved_figures_can_update_the_city_profile(client, network_a, capaci, mentorship, mentee, figures):
    client.force_login(mentee)
    reply = client.post(_answer_url(mentorship, figures), {
        "version": "0", "population": "11 600", "migrant_residents": "580", "rows": "3",
        "cell-0-0": "Romanian", "cell-0-1": "300", "cell-0-2": "", "cell-1-0": "Tunisian", "cell-1-1": "200",
        "cell-1-2": "refugees", "cell-2-0": "Ukrainian", "cell-2-1": "", "cell-2-2": "temporary protection",
        "update_profile": "on",
    })
    assert reply.status_code == 302
    with scope(network=network_a):
        answer = Answer.objects.get(question=figures)
        capaci = City.objects.get(pk=capaci.pk)
    assert answer.data["population"] == 11600
    assert "Tunisian | 200 | refugees" in answer.text
    assert (capaci.population, capaci.migrant_residents, str(capaci.migrant_share)) == (11600, 580, "5.00")
    assert capaci.main_nationalities == "Romanian, Tunisian, Ukrainian"


def test_figures_saved_without_the_tick_leave_the_profile_alone(client, network_a, capaci, mentorship, mentee,
                                                                figures):
    client.force_login(mentee)
    client.post(_answer_url(mentorship, figures), {"version": "0", "population": "99999", "migrant_residents": "",
                                                   "rows": "0"})
    with scope(network=network_a):
        assert City.objects.get(pk=capaci.pk).population == 11_500


def test_a_refused_table_keeps_what_was_typed(client, mentorship, mentee, figures):
    client.force_login(mentee)
    reply = client.post(_answer_url(mentorship, figures), {
        "version": "0", "population": "11500", "migrant_residents": "", "rows": "2",
        "cell-0-0": "", "cell-0-1": "300", "cell-0-2": "students", "cell-1-0": "", "cell-1-1": "", "cell-1-2": "",
    })
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "Row 1 is half filled: “Nationality or group” is missing" in page
    assert 'value="students"' in page
    assert 'value="300"' in page
