"""A PDF job whose worker was killed mid-render: the page shows it as interrupted with "Try again"
as soon as it runs past any render's end, beat's sweep queues it once more and fails it (with a
reason in its reader's language) if it is interrupted again, copies of its message render it
once, a lost message is queued again, one network's broken job stops no other network's
recovery, and a render past its time limit fails with a reason."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone
from django_scopes import get_scope, scope, scopes_disabled

from programmes.actionplans import services as plans
from programmes.reports import frozen, limits, recovery, services, tasks
from programmes.reports.models import FrozenPdf, PdfJob
from tests.actionplans.conftest import add, person
from tests.factories import MentorshipFactory

INTERRUPTED = "Interrupted: the worker stopped while rendering it."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def clock(time_machine):
    """Time stands still at the start of the test, and moves only when the test says so."""
    time_machine.move_to(timezone.now(), tick=False)
    return time_machine


def past_the_limit():
    return limits.interrupted_after() + timedelta(seconds=1)


def _job(network, mentorship, **fields):
    with scopes_disabled():
        return PdfJob.objects.create(network=network, kind="action_plan", mentorship=mentorship, **fields)


def _killed_mid_render(job):
    """A worker took the job and was killed (SIGKILL) before it could write anything."""
    with scope(network=job.network):
        assert recovery.start(job)
    return _reload(job)


def _reload(job):
    with scopes_disabled():
        return PdfJob.objects.select_related("frozen").get(pk=job.pk)


def _page(client, job, **headers):
    return client.get(reverse("pdf_job", kwargs={"network": job.network.slug, "pk": job.pk}), **headers).content.decode()


def test_the_time_limits_come_from_the_settings():
    assert tasks.render_pdf.soft_time_limit == 300  # PDF_TIME_LIMIT_SECONDS
    assert tasks.render_pdf.time_limit == 330
    assert limits.interrupted_after() > timedelta(seconds=330)


def test_a_job_running_past_its_limit_shows_as_interrupted_with_try_again(client, clock, network_a, mentorship,
                                                                          mentee, plan, renders,
                                                                          django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _killed_mid_render(_job(network_a, mentorship, language="en", requested_by=mentee))
    clock.shift(limits.interrupted_after() - timedelta(seconds=5))
    following = _page(client, job, HTTP_HX_REQUEST="true")
    assert "Being rendered…" in following  # still within a render's time
    assert 'hx-trigger="every 2s"' in following
    assert "Try again" not in following
    assert f'id="pdf-job-{job.pk}" data-status="running"' in following  # what scripts (the CI journey) read
    clock.shift(timedelta(seconds=10))
    for page in (_page(client, job, HTTP_HX_REQUEST="true"), _page(client, job)):
        assert INTERRUPTED in page
        assert f'id="pdf-job-{job.pk}" data-status="interrupted"' in page
        assert "Try again" in page
        assert "hx-trigger" not in page  # the reader acts; nothing swaps the button away
        assert "alert-danger" in page
    # "Try again" at once: a new job renders, and the old one is failed so that the sweep leaves it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pdf_retry", kwargs={"network": "network-a", "pk": job.pk}))
    with scopes_disabled():
        new = PdfJob.objects.latest("pk")
    assert new.status == "done"
    old = _reload(job)
    assert (old.status, old.error) == ("failed", INTERRUPTED)
    clock.shift(past_the_limit())
    assert tasks.recover_interrupted_pdfs() == {"queued": 0, "failed": 0}
    assert renders == [new.pk]


def test_the_interrupted_page_speaks_the_readers_language(client, clock, network_a, mentorship, plan):
    reader = person(network_a, mentorship, "mentor_association", language="it")
    client.force_login(reader)
    job = _killed_mid_render(_job(network_a, mentorship, language="it", requested_by=reader))
    clock.shift(past_the_limit())
    page = _page(client, job)
    assert "Interrotto: il processo che preparava il PDF si è fermato." in page
    assert "Riprova" in page


def test_the_sweep_queues_an_interrupted_job_once_then_fails_it(client, clock, network_a, mentorship, plan):
    reader = person(network_a, mentorship, "mentee_team", language="fr")
    job = _killed_mid_render(_job(network_a, mentorship, language="fr", requested_by=reader))
    queued = []
    assert recovery.sweep(enqueue=queued.append) == {"queued": 0, "failed": 0}  # not yet: it may be rendering
    clock.shift(past_the_limit())
    assert recovery.sweep(enqueue=queued.append) == {"queued": 1, "failed": 0}
    assert queued == [job.pk]
    job = _reload(job)
    assert (job.status, job.attempts, job.recovered_at) == ("queued", 1, timezone.now())
    assert recovery.sweep(enqueue=queued.append) == {"queued": 0, "failed": 0}  # queued once, not every minute
    job = _killed_mid_render(job)  # the second worker is killed too
    assert job.attempts == 2
    clock.shift(past_the_limit())
    assert recovery.sweep(enqueue=queued.append) == {"queued": 0, "failed": 1}
    assert queued == [job.pk]
    job = _reload(job)
    assert job.status == "failed"
    assert job.error.startswith("Interrompu : le processus qui créait le PDF s'est arrêté, puis de nouveau")
    client.force_login(reader)
    page = _page(client, job)
    assert "Réessayer" in page  # "Try again", in French
    assert "hx-trigger" not in page


def test_the_beat_task_renders_the_interrupted_job_again(clock, network_a, mentorship, plan, renders):
    add(plan, "Buddy scheme")
    job = _killed_mid_render(_job(network_a, mentorship, language="en"))
    clock.shift(past_the_limit())
    assert tasks.recover_interrupted_pdfs() == {"queued": 1, "failed": 0}  # render_pdf.delay runs inline here
    job = _reload(job)
    assert (job.status, job.attempts) == ("done", 2)
    assert renders == [job.pk]


def test_copies_of_the_message_render_the_job_once(clock, network_a, mentorship, plan, renders):
    """The sweep queued the job again and a worker renders it; the broker's own redelivery of the
    first message arrives meanwhile, or later: neither renders anything."""
    add(plan, "Buddy scheme")
    job = _killed_mid_render(_job(network_a, mentorship, language="en"))
    clock.shift(past_the_limit())
    recovery.sweep(enqueue=lambda job_id: None)
    rendering = _killed_mid_render(job)  # the sweep's copy is being rendered right now
    tasks.render_pdf(job.pk)  # the broker's redelivery of the first copy
    assert renders == []
    assert _reload(rendering).started_at == rendering.started_at
    with scopes_disabled():
        PdfJob.objects.filter(pk=job.pk).update(status="failed")
    tasks.render_pdf(job.pk)  # a copy arriving after the job failed
    assert renders == []


def test_a_redelivery_after_the_workers_death_renders_once_more_even_without_beat(clock, network_a, mentorship,
                                                                                  plan, renders):
    add(plan, "Buddy scheme")
    job = _killed_mid_render(_job(network_a, mentorship, language="en"))
    clock.shift(past_the_limit())
    tasks.render_pdf(job.pk)  # the broker hands the unacknowledged message out again
    assert _reload(job).status == "done"
    assert renders == [job.pk]


def test_a_job_whose_message_was_lost_is_queued_once_more_then_failed(clock, network_a, mentorship, plan):
    job = _job(network_a, mentorship, language="nl")  # its message never reached a worker
    queued = []
    clock.shift(limits.lost_after() - timedelta(minutes=1))
    assert recovery.sweep(enqueue=queued.append) == {"queued": 0, "failed": 0}  # a long queue, perhaps
    clock.shift(timedelta(minutes=2))
    assert recovery.sweep(enqueue=queued.append) == {"queued": 1, "failed": 0}
    assert _reload(job).status == "queued"
    clock.shift(limits.lost_after() + timedelta(seconds=1))
    assert recovery.sweep(enqueue=queued.append) == {"queued": 0, "failed": 1}
    assert queued == [job.pk]
    job = _reload(job)
    assert job.status == "failed"
    assert job.error.startswith("De PDF is niet aangemaakt: hij heeft te lang op zijn beurt gewacht.")


@pytest.mark.parametrize("broken", ["a job", "the network"])
def test_one_networks_broken_job_does_not_stop_anothers_recovery(clock, network_a, network_b, mentorship, plan,
                                                                 monkeypatch, caplog, broken):
    other = MentorshipFactory(network=network_b)
    jobs = [_killed_mid_render(_job(network_a, mentorship, language="en")),
            _killed_mid_render(_job(network_b, other, language="en"))]
    bad, good = sorted(jobs, key=lambda job: job.network_id)  # the network swept first is the broken one
    clock.shift(past_the_limit())
    name = "_recover" if broken == "a job" else "_recover_network"
    real = getattr(recovery, name)

    def breaks_in_the_first_network(*args):
        if get_scope()["network"].pk == bad.network_id:
            raise ValueError("bad data")
        return real(*args)

    monkeypatch.setattr(recovery, name, breaks_in_the_first_network)
    queued = []
    assert recovery.sweep(enqueue=queued.append) == {"queued": 1, "failed": 0}
    assert queued == [good.pk]
    assert _reload(good).status == "queued"
    assert _reload(bad).status == "running"  # left as it was: the next sweep tries again
    assert "bad data" in caplog.text


def test_a_render_past_its_soft_time_limit_fails_with_a_reason(client, network_a, mentorship, plan, monkeypatch):
    def slow(job):
        raise SoftTimeLimitExceeded()  # what Celery raises in the task at PDF_TIME_LIMIT_SECONDS

    monkeypatch.setattr("programmes.reports.rendering.render", slow)
    reader = person(network_a, mentorship, "mentee_team", language="es")
    job = _job(network_a, mentorship, language="es", requested_by=reader)
    tasks.render_pdf(job.pk)
    job = _reload(job)
    assert job.status == "failed"
    assert job.error == ("La generación del PDF tardaba demasiado y se ha detenido. Inténtelo de nuevo; si vuelve "
                         "a fallar, avise a la coordinación de la red.")
    client.force_login(reader)
    assert "Intentar de nuevo" in _page(client, job)  # "Try again"


@pytest.fixture
def version(network_a, plan):
    add(plan, "Buddy scheme")
    with scope(network=network_a):
        plan = plans.transition(plan, "final", by=None)
        return plan.versions.get(number=1)


def _two_jobs_for_the_version(network_a, mentorship, version):
    with scope(network=network_a):
        return [services.request_pdf(network=network_a, kind="action_plan", by=None, mentorship=mentorship,
                                     plan_version=version, language="en") for _ in range(2)]


def test_an_interrupted_version_render_releases_its_claim_and_renders_for_everyone(clock, network_a, mentorship,
                                                                                   version, renders):
    rendering, waiting = _two_jobs_for_the_version(network_a, mentorship, version)
    with scope(network=network_a):
        assert frozen.claim(rendering.frozen, job=rendering)
    _killed_mid_render(rendering)
    clock.shift(limits.interrupted_after() - timedelta(seconds=5))
    with scope(network=network_a):
        assert not frozen.claim(rendering.frozen, job=waiting)  # a render still within its time keeps its claim
    clock.shift(timedelta(seconds=10))
    assert tasks.recover_interrupted_pdfs() == {"queued": 1, "failed": 0}
    assert renders == [rendering.pk]
    with scopes_disabled():
        assert set(PdfJob.objects.values_list("status", flat=True)) == {"done"}  # the waiting job too
        assert FrozenPdf.objects.get().claimed_by is None


def test_a_version_render_interrupted_twice_fails_whoever_waited(clock, network_a, mentorship, version):
    rendering, waiting = _two_jobs_for_the_version(network_a, mentorship, version)
    for _attempt in range(2):  # the copy the sweep queues is taken by a worker that is killed too
        with scope(network=network_a):
            assert frozen.claim(_reload(rendering).frozen, job=rendering)
        _killed_mid_render(rendering)
        clock.shift(past_the_limit())
        recovery.sweep(enqueue=lambda job_id: None)
    with scopes_disabled():
        assert set(PdfJob.objects.values_list("status", flat=True)) == {"failed"}
        assert FrozenPdf.objects.get().claimed_by is None  # a retry may render at once
    assert _reload(waiting).error.startswith("Interrupted: the worker stopped while rendering it, and again")
