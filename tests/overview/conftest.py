"""The overview pages show programmes and mentorships: the same people and places as their tests."""

from tests.mentorships.conftest import capaci, coordinator_a, mechelen, mentorship, programme  # noqa: F401
