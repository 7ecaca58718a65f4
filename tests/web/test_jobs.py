"""Background jobs: queued once per key, claimed by one worker, taken over
when a worker is killed, failures recorded in words; and the job's page."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import time_machine
from click.testing import CliRunner
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from joinedup.cli import main
from joinedup.web.jobs.kinds import JobFailed, Kind, TryAgainLater, register
from joinedup.web.jobs.models import Job, Status
from joinedup.web.jobs.queue import enqueue
from joinedup.web.jobs.worker import ClaimLost, Run, claim_next, execute, work
from tests.factories import World, make_job

RUNS: list[int] = []  # the jobs the counting handler ran, in order
RUNS_LOCK = threading.Lock()


def count(run: Run) -> dict[str, Any]:
    with RUNS_LOCK:
        RUNS.append(run.job.pk)
    run.progress(3, 3)
    return {"summary": "Counted 3 rows.", "problems": ["row 2, field 'value': not a number"]}


def refuse(run: Run) -> None:
    raise JobFailed("The file has no column called 'period'.")


def crash(run: Run) -> None:
    raise ZeroDivisionError("a secret detail")


def mail_down(run: Run) -> None:
    raise TryAgainLater("The mail server did not answer.")


for _kind in (
    Kind("tests.count", count, unit="row"),
    Kind("tests.refuse", refuse),
    Kind("tests.crash", crash),
    Kind("tests.mail_down", mail_down),
):
    register(_kind)


@pytest.fixture(autouse=True)
def _no_runs_yet() -> None:
    RUNS.clear()


def queue(kind: str = "tests.count", key: str = "k1", **fields: Any) -> Job:
    job, created = enqueue(kind, key, title="A test job", **fields)
    assert created
    return job


def run_all(worker: str = "w1") -> int:
    return work(worker, once=True, poll=0.1, stop=threading.Event())


def reload(job: Job) -> Job:
    return Job.objects.get(pk=job.pk)


@pytest.mark.django_db
def test_a_key_is_queued_once() -> None:
    first = queue()
    again, created = enqueue("tests.count", "k1", title="Again")
    assert (again.pk, created) == (first.pk, False)
    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_a_worker_runs_a_job_and_keeps_its_result() -> None:
    job = queue()
    assert run_all() == 1
    job = reload(job)
    assert job.status == Status.DONE
    assert (job.done, job.total, job.attempts) == (3, 3, 1)
    assert job.result["summary"] == "Counted 3 rows."
    assert job.finished_at is not None
    assert run_all() == 0  # nothing left to do
    assert [job.pk] == RUNS


@pytest.mark.django_db
def test_a_handler_that_refuses_records_why() -> None:
    job = queue("tests.refuse")
    run_all()
    job = reload(job)
    assert job.status == Status.FAILED
    assert job.error == "The file has no column called 'period'."
    assert job.retry_at is None
    assert run_all() == 0  # not tried again


@pytest.mark.django_db
def test_an_unexpected_error_is_logged_and_the_person_gets_words(caplog: Any) -> None:
    job = queue("tests.crash")
    run_all()
    job = reload(job)
    assert job.status == Status.FAILED
    assert "unexpected error (ZeroDivisionError)" in job.error
    assert "secret" not in job.error and "Traceback" not in job.error
    assert "a secret detail" in caplog.text  # the administrator's log has it


@pytest.mark.django_db
def test_a_passing_failure_is_tried_again_later_and_then_given_up(settings: Any) -> None:
    settings.JOBS_ATTEMPTS = 2
    settings.JOBS_RETRY_AFTER = 60
    job = queue("tests.mail_down")
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        run_all()
        job = reload(job)
        assert (job.status, job.error) == (Status.FAILED, "The mail server did not answer.")
        assert job.retry_at == timezone.now() + dt.timedelta(seconds=60)
        assert run_all() == 0  # not before its time
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 1, tzinfo=dt.UTC), tick=False):
        assert run_all() == 1
    job = reload(job)
    assert (job.status, job.attempts, job.retry_at) == (Status.FAILED, 2, None)


@pytest.mark.django_db
def test_a_killed_workers_job_is_taken_over_after_the_timeout(settings: Any) -> None:
    settings.JOBS_STALE_AFTER = 600
    job = queue()
    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        killed = claim_next("killed")  # claimed, then the process died
        assert killed is not None
    with time_machine.travel(start + dt.timedelta(seconds=599), tick=False):
        assert claim_next("w2") is None  # still within its time
    with time_machine.travel(start + dt.timedelta(seconds=601), tick=False):
        assert run_all("w2") == 1
    job = reload(job)
    assert (job.status, job.attempts, job.claimed_by) == (Status.DONE, 2, "w2")
    assert [job.pk] == RUNS
    # Had the first worker only been slow, its late writes change nothing.
    with pytest.raises(ClaimLost):
        killed.progress(1)
    killed.finish(status=Status.FAILED, error="late")
    assert reload(job).status == Status.DONE


@pytest.mark.django_db
def test_a_job_whose_worker_dies_every_time_fails_for_good(settings: Any) -> None:
    settings.JOBS_ATTEMPTS = 2
    job = queue()
    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    for n in range(2):
        with time_machine.travel(start + dt.timedelta(hours=n), tick=False):
            assert claim_next(f"killed{n}") is not None
    with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
        assert run_all() == 0
    job = reload(job)
    assert job.status == Status.FAILED
    assert "stopped before it finished, 2 times" in job.error
    assert RUNS == []


@pytest.mark.django_db
def test_a_worker_forgets_jobs_that_ended_long_ago(settings: Any) -> None:
    settings.JOBS_KEEP_DAYS = 90
    start = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        queue(key="old")
        run_all()
    with time_machine.travel(start + dt.timedelta(days=89), tick=False):
        queue("tests.refuse", key="recent")
        run_all()
    with time_machine.travel(start + dt.timedelta(days=91), tick=False):
        queue(key="waiting")  # not yet run when the worker starts
        run_all()
    assert set(Job.objects.values_list("key", flat=True)) == {"recent", "waiting"}


@pytest.mark.django_db
def test_a_worker_that_keeps_running_forgets_old_jobs_daily(
    settings: Any, monkeypatch: Any
) -> None:
    from joinedup.web.jobs import worker

    settings.JOBS_KEEP_DAYS = 90
    start = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        queue(key="old")
        run_all()
    stop = threading.Event()
    real = worker.claim_next
    with time_machine.travel(start + dt.timedelta(days=89, hours=23), tick=False) as clock:
        kept_at_start = []

        def half_days_apart(name: str) -> Run | None:
            kept_at_start.append(Job.objects.filter(key="old").exists())
            clock.shift(dt.timedelta(hours=13))
            if len(kept_at_start) == 4:
                stop.set()
            return real(name)

        monkeypatch.setattr(worker, "claim_next", half_days_apart)
        work("w1", once=False, poll=0, stop=stop)
    assert kept_at_start == [True, True, False, False]


@pytest.mark.django_db
def test_a_worker_waits_out_a_database_it_cannot_use(monkeypatch: Any) -> None:
    from django.db import OperationalError

    from joinedup.web.jobs import worker

    job = queue()
    stop = threading.Event()
    real = worker.claim_next
    calls = []

    def flaky(name: str) -> Run | None:
        calls.append(name)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        if len(calls) == 3:
            stop.set()
        return real(name)

    monkeypatch.setattr(worker, "claim_next", flaky)
    assert work("w1", once=False, poll=0.01, stop=stop) == 1
    assert reload(job).status == Status.DONE
    with pytest.raises(OperationalError):  # --once: cron is told, with exit status 1
        calls.clear()
        work("w1", once=True, poll=0.01, stop=threading.Event())


@pytest.mark.django_db
def test_a_kind_this_version_does_not_know_fails_in_words() -> None:
    job = Job.objects.create(kind="gone.away", key="x", title="Old")
    run = claim_next("w1")
    assert run is not None
    execute(run)
    assert "does not know jobs of the kind 'gone.away'" in reload(job).error


@pytest.mark.django_db
def test_the_worker_command_runs_what_is_queued() -> None:
    queue(key="a")
    queue(key="b")
    result = CliRunner().invoke(main, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Ran 2 jobs."
    assert Job.objects.filter(status=Status.DONE).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="races need PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [2, 4])
def test_workers_racing_run_each_job_exactly_once(workers: int) -> None:
    jobs = [queue(key=f"race{n}") for n in range(30)]
    start = threading.Barrier(workers)

    def worker(n: int) -> None:
        try:
            start.wait()
            run_all(f"racer{n}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(RUNS) == sorted(job.pk for job in jobs)
    assert set(Job.objects.values_list("status", "attempts")) == {(Status.DONE, 1)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="races need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_one_job_run_it_once() -> None:
    job = queue()
    start = threading.Barrier(2)
    claims: list[Run | None] = []

    def worker(n: int) -> None:
        try:
            start.wait()
            claims.append(claim_next(f"racer{n}"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([c for c in claims if c is not None]) == 1
    assert reload(job).attempts == 1


# The page.


def job_url(world: World, job: Job) -> str:
    return reverse("jobs:detail", args=[world.partnership.slug, job.pk])


@pytest.mark.parametrize("who", ["owner", "member", "viewer"])
def test_members_follow_a_job_while_it_waits(world: World, who: str) -> None:
    job = make_job(world)
    page = world.client(who).get(job_url(world, job)).content.decode()
    assert "Importing values" in page
    assert "Waiting for a worker to start it." in page
    assert '<strong class="nhsuk-tag nhsuk-tag--white">Waiting to start</strong>' in page
    assert 'data-reload-every="5"' in page  # joinedup.js keeps it up to date
    assert "Reload the page</a> to see how far it has got." in page  # without it


def test_the_outsider_gets_404_and_so_does_another_partnerships_job(world: World) -> None:
    job = make_job(world)
    assert world.client("outsider").get(job_url(world, job)).status_code == 404
    theirs = Job.objects.create(kind="tests.count", key="n", title="T", partnership=world.other)
    assert world.client("owner").get(job_url(world, theirs)).status_code == 404


def test_the_page_shows_progress_in_words(world: World) -> None:
    job = make_job(world, status=Status.RUNNING, done=1200, total=10000)
    page = world.client("member").get(job_url(world, job)).content.decode()
    assert "1,200 of 10,000 rows done (12%)." in page
    assert 'max="10000" value="1200"' in page


def test_a_finished_job_shows_its_result_and_stops_reloading(world: World) -> None:
    job = make_job(world)
    run_all()
    page = world.client("member").get(job_url(world, reload(job))).content.decode()
    assert "Counted 3 rows." in page
    assert "1 problem" in page and "row 2, field &#39;value&#39;: not a number" in page
    assert "data-reload-every" not in page


def test_a_failed_job_says_why_without_a_traceback(world: World) -> None:
    job = make_job(world, kind="tests.crash")
    run_all()
    page = world.client("member").get(job_url(world, job)).content.decode()
    assert "The job failed" in page
    assert "unexpected error (ZeroDivisionError)" in page
    assert "secret" not in page and "Traceback" not in page
    assert "data-reload-every" not in page
