"""``joinedup worker``: run background jobs (imports, reminders)."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from joinedup.cli.web import setup_django


@click.command()
@click.option(
    "--once", is_flag=True, help="Run the jobs waiting now, then stop (for cron and tests)."
)
@click.option(
    "--poll",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0.1, 300),
    help="Seconds to wait before looking again when no job is waiting.",
)
def worker(once: bool, poll: float) -> None:
    """Run background jobs until stopped (Ctrl+C or SIGTERM lets the current job finish).

    Any number of workers, on any number of machines, may share one database:
    each job is run by one of them. A job whose worker was killed is taken over
    after $JOINEDUP_JOBS_STALE_AFTER seconds. See docs/jobs.md.

    Example: joinedup worker
    """
    setup_django()
    from joinedup.web.jobs.worker import work, worker_name

    stop = threading.Event()

    def stop_after_this_job(signum: int, frame: FrameType | None) -> None:
        click.echo("Stopping after the current job.", err=True)
        stop.set()

    signal.signal(signal.SIGTERM, stop_after_this_job)
    signal.signal(signal.SIGINT, stop_after_this_job)
    name = worker_name()
    if not once:
        click.echo(f"Worker {name} waiting for jobs.", err=True)
    count = work(name, once=once, poll=poll, stop=stop)
    from joinedup.core.numbers import plural

    click.echo(f"Ran {plural(count, 'job')}.")


@click.command("send-reminders")
def send_reminders() -> None:
    """Queue today's reminders: one email to each owner of actions due within 7 days
    or overdue, at most once a week each (run it daily from cron).

    Queues one job per day (London date): running it again, or on another
    server, queues nothing more. A worker sends them (joinedup worker, or
    joinedup worker --once straight after). See docs/actions.md.

    Example (crontab): 0 8 * * * joinedup send-reminders && joinedup worker --once
    """
    setup_django()
    from django.utils import timezone

    from joinedup.web.actions.reminders import queue_for
    from joinedup.web.jinja import date

    day = timezone.localdate()
    job, queued = queue_for(day)
    if queued:
        click.echo(f"Queued the reminders of {date(day)} (job {job.pk}).")
    else:
        status = job.get_status_display().lower()
        click.echo(f"The reminders of {date(day)} were already queued (job {job.pk}: {status}).")
