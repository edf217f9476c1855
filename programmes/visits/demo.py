"""Demo visits of Capaci – Mechelen around today: the set-up visit held (with its report and a
follow-up), the inspiration visit coming up in Mechelen, and an online training session of the
programme. Idempotent."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_scopes import scope

from programmes.directory.models import City
from programmes.mentorships.models import Mentorship

from . import services
from .models import Visit


def _at(days, hour, zone):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=ZoneInfo(zone))


def seed_visits(networks):
    network = networks["inclucities"]
    with scope(network=network):
        mentorship = Mentorship.objects.filter(network=network, title="Capaci – Mechelen").select_related(
            "programme").first()
        if mentorship is None or Visit.objects.filter(programme=mentorship.programme).exists():
            return
        programme = mentorship.programme
        cities = {c.name: c for c in City.objects.filter(network=network, name__in=["Capaci", "Mechelen"])}
        people = [p.user for p in mentorship.participants.select_related("user")]
        setup = services.plan_visit(programme=programme, mentorship=mentorship, by=None, values={
            "kind": "setup", "title": "Set-up visit in Capaci", "host_city": cities.get("Capaci"),
            "starts_at": _at(-40, 9, "Europe/Rome"), "ends_at": _at(-39, 17, "Europe/Rome"),
            "time_zone": "Europe/Rome", "venue": "Town hall, Piazza Municipio 1, Capaci",
            "objectives": "Agree the key issues and a first list of actions with the local support group."})
        services.invite(setup, people, by=None)
        services.record_attendance(setup, [user.pk for user in people], by=None)
        services.save_report(setup, learned="A buddy scheme fits Capaci; it needs a coordinator and the "
                                            "parish volunteers.", shared=True, by=None)
        services.add_follow_up(setup, text="Ask the mayor to name a buddy-scheme coordinator", owner="Giulia",
                               due_on=timezone.localdate() + datetime.timedelta(days=7), by=None)
        inspiration = services.plan_visit(programme=programme, mentorship=mentorship, by=None, values={
            "kind": "inspiration", "title": "Inspiration visit in Mechelen", "host_city": cities.get("Mechelen"),
            "starts_at": _at(12, 9, "Europe/Brussels"), "ends_at": _at(13, 16, "Europe/Brussels"),
            "time_zone": "Europe/Brussels", "venue": "Stadhuis, Grote Markt 21, Mechelen",
            "objectives": "See the buddy scheme at work and revise the action plan."})
        services.invite(inspiration, people, by=None)
        services.plan_visit(programme=programme, by=None, values={
            "kind": "training", "title": "What city mentoring is – online training", "mode": "online",
            "starts_at": _at(5, 10, "Europe/Brussels"), "ends_at": _at(5, 13, "Europe/Brussels"),
            "time_zone": "Europe/Brussels", "meeting_link": "https://meet.example.org/inclucities-training"})
