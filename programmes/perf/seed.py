"""A realistic network for the benchmark, built through the product's services so that the data
has the shape real use gives it: programmes with the guide's benchmark and milestones,
mentorships with both teams, both associations and a support-group member, self-assessments,
answered needs analyses with comment threads, long action plans linked to needs and key
factors, and visits with the guide's agendas and invited people.

`Size` says how much of each; the same code seeds the small network whose query counts the big
one must match."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone
from django_scopes import scope

from programmes.accounts.models import User
from programmes.actionplans import services as plans
from programmes.actionplans.models import ActionComment
from programmes.benchmarks import services as benchmarks
from programmes.benchmarks.self_assessment import services as self_assessment
from programmes.directory.models import Association, City
from programmes.mentorships.models import (
    CitySide,
    Mentorship,
    MentorshipCity,
    Participant,
    Phase,
    Programme,
    ProgrammeFacilitator,
    ProgrammeStatus,
)
from programmes.mentorships.services import default_milestones
from programmes.questionnaires import services as questionnaires
from programmes.questionnaires.models import AnswerComment, QuestionKind
from programmes.tenancy.models import Membership, Network, Role
from programmes.visits import services as visits
from programmes.visits.services import ensure_default_rules

PASSWORD = "bench-password-2026"
TEAM = [("mentee_team", True), ("mentee_team", False), ("mentor_team", True), ("mentee_association", False),
        ("mentor_association", False), ("support_group", False)]
VISIT_KINDS = ["setup", "inspiration", "consolidation", "other"]
COUNTRIES = ["IT", "BE", "FR", "GR", "ES", "LV", "NL", "DE", "PT", "PL"]
ACTION = ("Open a one-stop information desk for newcomers in the town hall, with interpreters from the "
          "community and volunteers trained by the mentor city (action {n}).")
ANSWER = ("The municipality offers evening language courses with the provincial adult-education centre; "
          "about {n} residents of immigrant origin attend, mostly women, and the library hosts a weekly "
          "conversation group run by volunteers.")


@dataclass(frozen=True)
class Size:
    programmes: int
    mentorships_per_programme: int
    actions_per_plan: int
    visits_per_mentorship: int
    comments_per_question: int

    @property
    def users(self):
        return 1 + self.programmes + self.programmes * self.mentorships_per_programme * len(TEAM)


# One programme of 50 mentorships: the dashboard the targets name ("the dashboard with 50
# mentorships") is one programme's page, so its 50 rows must be in one programme.
BIG = Size(programmes=1, mentorships_per_programme=50, actions_per_plan=100, visits_per_mentorship=10,
           comments_per_question=2)  # 50 mentorships, 300 users, 5,000 actions, 500 visits
SMALL = Size(programmes=1, mentorships_per_programme=2, actions_per_plan=3, visits_per_mentorship=2,
             comments_per_question=1)


@dataclass
class Seeded:
    network: Network
    coordinator: User
    mentee: User  # the lead of the mentee team of the first mentorship
    mentorships: list


def _users(slug, count):
    users = User.objects.bulk_create(
        User(email=f"person{n}@{slug}.example", full_name=f"Person {n} ({slug})", language="en") for n in range(count))
    hashed = User(email="x")
    hashed.set_password(PASSWORD)
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=hashed.password)
    EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users)
    return list(User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk"))


def _at(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo("Europe/Brussels"))


def seed_network(slug, size):
    network = Network.objects.create(slug=slug, name=f"Benchmark network {slug}", languages=["en"])
    people = iter(_users(slug, size.users))
    with scope(network=network):
        coordinator = next(people)
        Membership.objects.create(network=network, user=coordinator, role=Role.COORDINATOR)
        benchmark = benchmarks.install_shipped(network, language="en", by=coordinator)
        benchmarks.publish(benchmark, by=coordinator)
        factors = list(benchmark.key_factors.order_by("number"))
        associations = Association.objects.bulk_create(
            Association(network=network, name=f"Association of {country} municipalities", acronym=f"A{country}",
                        country=country) for country in COUNTRIES)
        mentorships, mentee = [], None
        for p in range(size.programmes):
            facilitator = next(people)
            Membership.objects.create(network=network, user=facilitator, role=Role.FACILITATOR)
            programme = Programme.objects.create(
                network=network, title=f"Programme {p + 1}", theme="Integration of migrants", benchmark=benchmark,
                start_date=timezone.localdate() - datetime.timedelta(days=200),
                end_date=timezone.localdate() + datetime.timedelta(days=300), status=ProgrammeStatus.RUNNING,
                planned_visits=3)
            for milestone in default_milestones(programme):
                milestone.save()
            ensure_default_rules(programme)
            ProgrammeFacilitator.objects.create(network=network, programme=programme, user=facilitator)
            for m in range(size.mentorships_per_programme):
                mentorship, team = _mentorship(network, programme, p, m, associations, people)
                mentee = mentee or team[0]
                _self_assessment(mentorship, factors, team[0])
                questions = _needs_analysis(mentorship, team, size)
                _action_plan(mentorship, questions, factors, team, size)
                _visits(mentorship, team, size)
                mentorships.append(mentorship)
    return Seeded(network=network, coordinator=coordinator, mentee=mentee, mentorships=mentorships)


def _mentorship(network, programme, p, m, associations, people):
    number = p * 100 + m
    mentee_city, mentor_city = (
        City.objects.create(network=network, name=f"{side} city {number}", country=associations[(number + i) % 10].country,
                            association=associations[(number + i) % 10], population=20_000 + 1_000 * m)
        for i, side in enumerate(("Mentee", "Mentor")))
    mentorship = Mentorship.objects.create(network=network, programme=programme,
                                           title=f"{mentee_city.name} – {mentor_city.name}",
                                           focus="Language learning for newcomers", phase=Phase.VISITS)
    for side, city in ((CitySide.MENTEE, mentee_city), (CitySide.MENTOR, mentor_city)):
        MentorshipCity.objects.create(network=network, mentorship=mentorship, city=city,
                                      association=city.association, side=side)
    team = []
    for role, lead in TEAM:
        user = next(people)
        Membership.objects.create(network=network, user=user, role=Role.MEMBER)
        Participant.objects.create(network=network, mentorship=mentorship, user=user, role=role, is_lead=lead)
        team.append(user)
    return mentorship, team


def _self_assessment(mentorship, factors, by):
    assessment = self_assessment.start(mentorship, round="initial", by=by)
    for n, rating in enumerate(assessment.ratings.order_by("key_factor__number")):
        self_assessment.rate(rating, level=n % 4, evidence="Evening classes with the adult-education centre.",
                             answers={}, is_focus=n < 2, by=by)
        if n < 3:
            self_assessment.comment(rating, text="Could the library volunteers count here?", by=by)


def _needs_analysis(mentorship, team, size):
    response = questionnaires.start_response(mentorship, kind="annex2", language="en", by=team[0])
    questions = [q for section in response.template.sections.prefetch_related("questions") for q in
                 section.questions.all()]
    comments = []
    for question in questions:
        if question.kind in {QuestionKind.LONG_TEXT, QuestionKind.SHORT_TEXT}:
            text = ANSWER.format(n=question.number * 10)[: question.max_length or None]
            questionnaires.save_answer(response, question, based_on_version=0, by=team[0], text=text)
        for c in range(size.comments_per_question):
            comments.append(AnswerComment(network=mentorship.network, response=response, question=question,
                                          author=team[3 + c % 2], text=f"Please add the figures for 2025 ({c})."))
    AnswerComment.objects.bulk_create(comments)
    return questions


def _action_plan(mentorship, questions, factors, team, size):
    plan = plans.plan_for(mentorship)
    comments = []
    for n in range(size.actions_per_plan):
        action = plans.add_action(plan, values={
            "action": ACTION.format(n=n + 1), "results": "Newcomers find every service in one place.",
            "lead": "Social services", "resources": "Two staff, volunteers, ESF+ funding",
            "success_measure": "300 visits in the first six months",
            "starts": datetime.date(2027, 1 + n % 12, 1), "ends": datetime.date(2028, 1 + n % 12, 1),
        }, needs=questions[n % len(questions): n % len(questions) + 2], key_factors=factors[n % len(factors):][:1],
            by=team[0])
        if n % 10 == 0:
            comments.append(ActionComment(network=mentorship.network, action=action, author=team[2],
                                          text="In our city a coordinator meets the volunteers every month."))
    ActionComment.objects.bulk_create(comments)


def _visits(mentorship, team, size):
    for n in range(size.visits_per_mentorship):
        starts = _at(-60 + 14 * n, 9)
        visit = visits.plan_visit(programme=mentorship.programme, mentorship=mentorship, by=team[0], values={
            "kind": VISIT_KINDS[n % len(VISIT_KINDS)], "title": f"Visit {n + 1}", "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=8), "time_zone": "Europe/Brussels",
            "venue": "Town hall", "objectives": "Agree the key issues with the local support group."})
        visits.invite(visit, team[:5], by=team[0])
