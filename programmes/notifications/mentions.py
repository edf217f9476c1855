"""@mentions in comments, and the people around a mentorship read once for a whole notify().

A mention is `@` and the display name of someone the comment may name (a participant of the
mentorship), matched case-insensitively, longest names first (“@Anna Maria Rossi” is not “@Anna
Maria”), never inside a word or an e-mail address (“anna@example.org” mentions nobody).

`circle()` gives what notify() asks about: the mentorship with what the rules predicates read
(participants, facilitators, network) and everyone `around()` it, each with their membership of
the network already known, so that asking every one of them `has_perm` costs no query more (tenancy.rules.remember_memberships looks them all up in one query)."""

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.urls import reverse
from django.utils.text import Truncator

from programmes.tenancy.rules import remember_memberships

from .recipients import around, mentorship_with_people

TITLE_LENGTH = 80
EXCERPT_LENGTH = 200


def title(text):
    return Truncator(" ".join(str(text).split())).chars(TITLE_LENGTH)


def excerpt(text):
    return Truncator(" ".join(str(text).split())).chars(EXCERPT_LENGTH)


def find(text, people):
    """The people of `people` that `text` mentions, in the order of their first mention."""
    by_name = {}
    for person in people:
        name = " ".join((person.display_name or "").split())
        if name:
            by_name.setdefault(name.casefold(), person)
    if not by_name or "@" not in text:
        return []
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w@.+-])@(" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
                         + r")(?![\w@])", re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        person = by_name.get(" ".join(match.group(1).split()).casefold())
        if person is not None and person not in found:
            found.append(person)
    return found


@dataclass
class Circle:
    """A mentorship and the people around it, ready for notify()."""

    mentorship: object
    people: list = field(default_factory=list)

    def __post_init__(self):
        self.by_id = {person.pk: person for person in self.people}
        roles = {p.user_id: p.role for p in self.mentorship.participants.all()}
        self.participants = [person for person in self.people if person.pk in roles]
        self.roles = roles

    def users(self, ids):
        """Those of `ids` who are still around the mentorship (others may read nothing of it)."""
        seen, chosen = set(), []
        for pk in ids:
            if pk in self.by_id and pk not in seen:
                seen.add(pk)
                chosen.append(self.by_id[pk])
        return chosen

    def with_role(self, *roles):
        return [person for person in self.participants if self.roles.get(person.pk) in roles]

    def named_in(self, text):
        """Everyone around the mentorship that `text` mentions: those who may not read what it is
        on are found too, so that the writer hears they were not told."""
        return find(text, self.people)


def circle(mentorship_id):
    mentorship = mentorship_with_people(mentorship_id)
    people = list(around(mentorship))
    remember_memberships(people, mentorship.network_id)
    return Circle(mentorship, people)


def report_not_told(request, told, sentence):
    """Tell the writer who was mentioned but may not read what they wrote, so was not told.
    `sentence` is a translated text with %(name)s."""
    for person in getattr(told, "cannot_read", None) or []:
        messages.warning(request, sentence % {"name": person.display_name})


def candidates_url(network_slug, mentorship_pk):
    """Where a comment box of the mentorship fetches the people it may mention."""
    return reverse("mentorship_mention_candidates", kwargs={"network": network_slug, "pk": mentorship_pk})
