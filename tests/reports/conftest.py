# The action-plan fixtures: a Levadia – Jelgava mentorship, its mentee team and its plan.
from tests.actionplans.conftest import mentee, mentorship, plan  # noqa: F401
