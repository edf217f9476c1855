import pytest

# The action-plan fixtures: a Levadia – Jelgava mentorship, its mentee team and its plan.
from tests.actionplans.conftest import mentee, mentorship, plan  # noqa: F401

# A moto S3 server, a fresh bucket per test and STORAGES pointed at it (tests/reports/s3.py).
from tests.reports.s3 import s3_bucket, s3_endpoint, s3_storage  # noqa: F401


@pytest.fixture
def renders(monkeypatch):
    """Every call of the real renderer, in order (the jobs it rendered)."""
    from programmes.reports import rendering

    real, calls = rendering.render, []

    def counted(job):
        calls.append(job.pk)
        return real(job)

    monkeypatch.setattr("programmes.reports.rendering.render", counted)
    return calls
