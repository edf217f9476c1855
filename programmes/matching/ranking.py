"""The matching assistant: candidate mentor cities for a mentee, ranked on the guide's three
criteria, each with the reason a coordinator can check (METHOD.md, "Matching").

1. Topic match: the mentee's needs (its submitted needs analysis and its focus key factors) against
   what the candidate documented (mentor strengths, Annex 3, and its good practices, Annex 4).
2. Similar demographic profile: population and share of residents of migrant origin.
3. Similar multi-level governance: governance level and country (national framework).

Nothing is matched automatically: the coordinator reads the reasons and picks.
Everything is read in a fixed number of queries, whatever the number of cities.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from programmes.benchmarks.models import Rating
from programmes.directory.models import City
from programmes.questionnaires.models import Answer, GoodPractice, Kind, Response, Submission
from programmes.questionnaires.services import shipped_choice_labels

WEIGHTS = {"topic": Decimal("0.5"), "profile": Decimal("0.25"), "governance": Decimal("0.25")}
STRONG, PARTIAL = 0.66, 0.33
SHARED_WORDS_FOR_FULL_SCORE = 6
STEM_LENGTH = 6  # "volunteers" and "volunteering" meet at "volunt"
MIN_WORD_LENGTH = 5
STOP_WORDS = {
    # Words of five letters or more that say nothing about a topic, in the interface's languages.
    # English
    "about", "after", "other", "their", "there", "these", "those", "which", "where", "would", "could", "should",
    "being", "between", "through", "within", "without", "because", "while", "still", "under", "every", "cannot",
    "people", "years", "local", "policy", "policies", "service", "services", "during", "hours", "working",
    "attend", "offer", "offers", "together", "across", "three", "first", "second", "making", "including",
    # Italian
    "della", "delle", "degli", "nella", "nelle", "negli", "sulla", "sulle", "dalla", "dalle", "questo", "questa",
    "quello", "quella", "anche", "hanno", "essere", "perché", "nostra", "nostro", "nostri", "vostra", "vostro",
    "molto", "alcuni", "altri", "altre", "ancora", "tutti", "tutte", "durante", "possono", "vogliamo",
    # French
    "notre", "votre", "leurs", "cette", "celle", "comme", "aussi", "avant", "après", "entre", "depuis",
    "pendant", "toutes", "autres", "encore", "peuvent", "voulons", "avons", "sommes", "selon", "chaque", "plusieurs",
    "personnes", "années", "politique", "politiques",
    # Dutch
    "hebben", "worden", "wordt", "tussen", "tijdens", "zoals", "andere", "welke", "omdat",
    "kunnen", "willen", "jaren", "mensen", "lokale", "beleid", "diensten", "samen", "vooral",
    # Greek
    "είναι", "αυτές", "αυτοί", "αυτός", "αυτών", "οποία", "οποίες", "οποίοι", "μεταξύ",
    "επίσης", "ακόμη", "όλους", "άλλες", "άλλους", "έχουν", "μπορούν", "θέλουμε", "χρόνια",
    "άτομα", "πολιτική", "πολιτικές", "υπηρεσίες", "τοπική", "τοπικές",
    # Spanish
    "nuestra", "nuestro", "nuestros", "nuestras", "estos", "estas", "desde", "también",
    "todos", "todas", "otros", "otras", "pueden", "queremos", "tienen", "sobre", "porque", "cuando", "personas",
    "política", "políticas", "servicios", "locales",
    # Latvian
    "kuras", "kuriem", "kurus", "starp", "laikā", "tāpēc", "visus", "visas", "citas", "citus",
    "varam", "vēlamies", "viņiem", "cilvēki", "cilvēku", "gadiem", "vietējā", "vietējās", "politika", "politikas",
    "pakalpojumi",
}
# Stems every text of the field shares (migrants, integration, the city, the municipality) in the
# interface's languages: they tell candidates apart no better than "the" does.
DOMAIN_STEMS = {
    "migran", "migrat", "immigr", "integr", "intégr", "inmigr", "cities", "città", "comune", "munici", "newcom",
    "reside", "villes", "ciudad", "steden", "nieuwk", "inburg", "μετανά", "ένταξη", "πόλεις", "δήμος",
    "δήμου", "δήμων", "pilsēt", "pašval", "ayunta", "nouvea", "recién",
}


@dataclass
class Criterion:
    score: float  # 0 to 1
    reasons: list

    @property
    def strength(self):
        if self.score >= STRONG:
            return "strong"
        return "partial" if self.score >= PARTIAL else "weak"


@dataclass
class Candidate:
    city: City
    topic: Criterion
    profile: Criterion
    governance: Criterion
    areas: list = field(default_factory=list)  # policy areas ticked in the mentor strengths
    practices: list = field(default_factory=list)
    has_strengths: bool = False

    @property
    def score(self):
        return float(WEIGHTS["topic"]) * self.topic.score + float(WEIGHTS["profile"]) * self.profile.score \
            + float(WEIGHTS["governance"]) * self.governance.score

    @property
    def percent(self):
        return round(self.score * 100)


def _stems(text):
    """{stem: first word seen} of the meaningful words of a text, in any language."""
    stems = {}
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        stem = word[:STEM_LENGTH]
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS and stem not in DOMAIN_STEMS:
            stems.setdefault(stem, word)
    return stems


def needs_text(mentorship, submission):
    """What the mentee wants: its submitted needs answers, its focus and the programme's theme."""
    parts = [mentorship.programme.theme, mentorship.focus]
    if submission is not None:
        parts.extend(submission.answers.values())
    return "\n".join(p for p in parts if p)


def latest_submission(mentorship):
    return (Submission.objects.filter(response__mentorship=mentorship, response__template__kind=Kind.NEEDS_ANALYSIS)
            .order_by("-number").first())


def focus_factors(mentorship):
    """{(benchmark lineage, number): key factor} the mentee chose as the focus of its mentoring."""
    ratings = Rating.objects.filter(self_assessment__mentorship=mentorship, self_assessment__round="initial",
                                    is_focus=True).select_related("key_factor__benchmark")
    return {(r.key_factor.benchmark.lineage, r.key_factor.number): r.key_factor for r in ratings}


def candidates(mentorship, *, mentee_city, submission, focus=None):
    """Every other city of the network, best match first. `focus`: focus_factors(mentorship), if
    the caller has it already."""
    network = mentorship.network_id
    cities = list(City.objects.filter(network=network).exclude(pk=mentee_city.pk).select_related("association"))
    strengths = _strengths_by_city(network)
    practices = _practices_by_city(network)
    focus = focus_factors(mentorship) if focus is None else focus
    needs = _stems(needs_text(mentorship, submission))
    labels = shipped_choice_labels(Kind.MENTOR_STRENGTHS, get_language() or "en")
    ranked = []
    for city in cities:
        answers = strengths.get(city.pk, [])
        city_practices = practices.get(city.pk, [])
        ranked.append(Candidate(
            city=city,
            topic=_topic(needs, focus, answers, city_practices),
            profile=_profile(mentee_city, city),
            governance=_governance(mentee_city, city),
            areas=_areas(answers, labels),
            practices=city_practices,
            has_strengths=any(a.text for a in answers),
        ))
    ranked.sort(key=lambda c: (-c.score, c.city.name))
    return ranked


def _areas(answers, labels):
    """The policy areas a candidate ticked, in the reader's language where the shipped list knows them."""
    areas = []
    for answer in answers:
        if answer.question.kind == "choices" and answer.data:
            known = {c["value"]: c["label"] for c in answer.question.options.get("choices", [])}
            areas.extend(labels.get(value) or known.get(value, value) for value in answer.data)
    return areas


def _strengths_by_city(network):
    """{city id: [answers of its mentor strengths]} in two queries."""
    responses = Response.objects.filter(network=network, city__isnull=False,
                                        template__kind=Kind.MENTOR_STRENGTHS).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("question__section")))
    return {r.city_id: [a for a in r.answers.all() if a.question.section.order == 1] for r in responses}


def _practices_by_city(network):
    practices = GoodPractice.objects.filter(network=network, city__isnull=False).prefetch_related(
        "key_factors__benchmark")
    grouped = {}
    for practice in practices:
        grouped.setdefault(practice.city_id, []).append(practice)
    return grouped


def _topic(needs, focus, answers, practices):
    reasons = []
    offered = {(f.benchmark.lineage, f.number): f for p in practices for f in p.key_factors.all()}
    shared_factors = [focus[key] for key in focus if key in offered]
    if shared_factors:
        reasons.append(_("Good practices on the key factors the mentee focuses on: %(factors)s.") % {
            "factors": "; ".join(f"{f.number}. {f.title}" for f in sorted(shared_factors, key=lambda f: f.number))})
    offer_text = "\n".join([a.text for a in answers]
                           + [f"{p.title} {p.policy_area} {p.description}" for p in practices])
    offer = _stems(offer_text)
    shared_words = [offer[stem] for stem in needs if stem in offer]
    if shared_words:
        reasons.append(_("Themes in both the needs analysis and what the city offers: %(words)s.")
                       % {"words": ", ".join(sorted(shared_words)[:8])})
    if not answers and not practices:
        reasons.append(_("No mentor strengths or good practices documented yet."))
    elif not shared_words and not shared_factors:
        reasons.append(_("No shared themes found."))
    word_score = min(1.0, len(shared_words) / SHARED_WORDS_FOR_FULL_SCORE)
    score = 0.6 * len(shared_factors) / len(focus) + 0.4 * word_score if focus else word_score
    return Criterion(score=round(score, 2), reasons=reasons)


def _share(city):
    if city.migrant_share is not None:
        return float(city.migrant_share)
    if city.population and city.migrant_residents is not None:
        return 100 * city.migrant_residents / city.population
    return None


def _profile(mentee, city):
    parts, reasons = [], []
    if mentee.population and city.population:
        small, large = sorted([mentee.population, city.population])
        parts.append(small / large)
        reasons.append(_("Population %(mentee)s and %(mentor)s.") % {
            "mentee": number_format(mentee.population, force_grouping=True),
            "mentor": number_format(city.population, force_grouping=True)})
    else:
        reasons.append(_("Population not known for both cities."))
    mentee_share, city_share = _share(mentee), _share(city)
    if mentee_share is not None and city_share is not None:
        parts.append(max(0.0, 1 - abs(mentee_share - city_share) / 25))
        reasons.append(_("Residents of migrant origin: %(mentee)s %% and %(mentor)s %%.") % {
            "mentee": number_format(round(mentee_share, 1), 1), "mentor": number_format(round(city_share, 1), 1)})
    else:
        reasons.append(_("Share of residents of migrant origin not known for both cities."))
    score = sum(parts) / 2  # a missing figure counts as no similarity
    return Criterion(score=round(score, 2), reasons=reasons)


def _governance(mentee, city):
    reasons, score = [], 0.0
    if mentee.governance_level == city.governance_level:
        score += 0.6
        reasons.append(_("Same level of government: %(level)s.") % {"level": city.get_governance_level_display()})
    else:
        reasons.append(_("Different levels of government: %(mentee)s and %(mentor)s.") % {
            "mentee": mentee.get_governance_level_display(), "mentor": city.get_governance_level_display()})
    if mentee.country == city.country:
        score += 0.4
        reasons.append(_("Same country (%(country)s): the same national framework.") % {"country": city.country.name})
    else:
        reasons.append(_("Different countries: %(mentee)s and %(mentor)s.") % {
            "mentee": mentee.country.name, "mentor": city.country.name})
    return Criterion(score=round(score, 2), reasons=reasons)
