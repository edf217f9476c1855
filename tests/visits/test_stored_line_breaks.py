"""A line break already stored in a visit (from before one-line fields refused it, or written
around the form) neither breaks the visit's .ics nor its reminder e-mails: it is folded onto one
line on the way out (issue 17, finding 6)."""

import datetime

from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled
from icalendar import Calendar

from programmes.visits.models import DeliveryStatus, ReminderDelivery, Visit
from tests.visits import test_reminders
from tests.visits.test_reminders import VISIT_START, _sweep, _visit

mentorship = test_reminders.mentorship  # Capaci – Mechelen, with the default reminder rules
people = test_reminders.people


def test_line_breaks_already_stored_in_a_visit_neither_break_its_calendar_nor_its_reminders(
        client, network_a, mentorship, people):
    visit = _visit(mentorship)
    with scopes_disabled():
        # (PostgreSQL stores no NUL in text, which the form refuses anyway; other controls it keeps)
        Visit.objects.filter(pk=visit.pk).update(title="Set-up in Capaci\r\nBcc: x@evil.example\x1b",
                                                 venue="Town hall\r\nPiazza Municipio 1\x07")
    client.force_login(people["mentee"])
    reply = client.get(reverse("visit_ics", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                    "visit_pk": visit.pk}))
    assert reply.status_code == 200
    event = next(c for c in Calendar.from_ical(reply.content).walk() if c.name == "VEVENT")
    assert str(event["SUMMARY"]) == "Set-up in Capaci Bcc: x@evil.example – Capaci – Mechelen"
    assert str(event["LOCATION"]) == "Town hall\nPiazza Municipio 1"
    _sweep(VISIT_START - datetime.timedelta(days=1))
    with scopes_disabled():
        assert set(ReminderDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    english = next(m for m in mail.outbox if m.to == ["pieter@mechelen.example"])
    assert english.subject == "Reminder: Set-up in Capaci Bcc: x@evil.example, 10 December 2026 – Capaci – Mechelen"
    assert english.to == ["pieter@mechelen.example"]
    assert not english.bcc
    Calendar.from_ical(english.attachments[0][1])  # the attached calendar reads back
