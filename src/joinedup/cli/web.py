"""Commands that run the web app: demo, serve, migrate, createuser, manage."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from joinedup.core.errors import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from joinedup.web.partnerships.models import Partnership


def setup_django() -> None:
    """Configure Django from the environment (idempotent); InputError naming
    the variable, and what it accepts, when a setting in it is wrong."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise InputError(f"a setting in the environment is wrong: {exc}") from None


def find_partnership(slug: str) -> Partnership:
    """The partnership with this slug (Django set up first), or InputError."""
    setup_django()
    from joinedup.web.partnerships.models import Partnership

    found = Partnership.objects.filter(slug=slug).first()
    if found is None:
        raise InputError(f"there is no partnership called {slug!r}")
    return found


def refuse_weak_password(password: str, name: str, user: User | None = None) -> None:
    """InputError, naming ``name``, unless ``password`` meets the site's password
    rules (AUTH_PASSWORD_VALIDATORS) for ``user``."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InputError(f"{name}: " + " ".join(exc.messages)) from None


def home() -> Path:
    """JOINEDUP_HOME (made when missing: a command on a new machine creates it)."""
    path = Path(os.environ.get("JOINEDUP_HOME", ".joinedup")).resolve()
    # static/ is where `serve` collects files; whitenoise warns while it is missing.
    (path / "static").mkdir(parents=True, exist_ok=True)
    os.environ["JOINEDUP_HOME"] = str(path)
    return path


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-server", is_flag=True, help="Set up and load the demo data, then stop.")
def demo(host: str, port: int, no_server: bool) -> None:
    """Set up a demo on SQLite and start it.

    Creates the data directory (./.joinedup, or $JOINEDUP_HOME), the database,
    loads the demo partnerships and serves the app. Run again, it leaves the
    demo as it was left (closed rounds, edited values); to start again from
    scratch, delete the data directory first. Every demo user's password is $JOINEDUP_DEMO_PASSWORD,
    or joinedup-demo when that is not set. Email (invitations, links, password
    resets) is written as files under the data directory's mail/ folder,
    unless $JOINEDUP_EMAIL_BACKEND says otherwise.

    Example: joinedup demo --port 8080
    """
    data = home()
    os.environ.setdefault(
        "JOINEDUP_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    setup_django()
    from django.core.management import call_command

    from joinedup.web import demo as demo_data

    refuse_weak_password(demo_data.password(), "JOINEDUP_DEMO_PASSWORD")
    call_command("migrate", interactive=False, verbosity=0)
    fresh = demo_data.load()

    console = Console()
    url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/"
    table = Table(title="Demo logins", show_lines=False)
    table.add_column("Username")
    table.add_column("Who they are")
    for username, who in demo_data.LOGINS.items():
        table.add_row(username, who)
    console.print(f"[bold]joinedup demo[/bold]: data in {data}")
    if not fresh:
        wipe = (
            "empty the database DATABASE_URL names"
            if os.environ.get("DATABASE_URL")
            else (f"delete {data}")
        )
        console.print(
            "The demo was loaded already, so it is as it was left, with every change made "
            f"in it, and its logins keep their passwords. To start again from scratch, stop "
            f"joinedup, {wipe} and run joinedup demo again."
        )
    console.print(table)
    password = (
        "from $JOINEDUP_DEMO_PASSWORD"
        if os.environ.get("JOINEDUP_DEMO_PASSWORD")
        else demo_data.DEFAULT_PASSWORD
    )
    console.print(f"Password for every demo user: [bold]{password}[/bold]")
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        console.print(
            f"Email is not sent: each one is written as a file in {settings.EMAIL_FILE_PATH}"
        )
    if no_server:
        return
    console.print(f"Open [bold]{url}[/bold] (Ctrl+C stops the server)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)


@click.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Gunicorn worker processes (default: $WEB_CONCURRENCY or 2 x CPUs + 1).",
)
def serve(host: str, port: int, workers: int | None) -> None:
    """Run joinedup in production with gunicorn, configured from the environment.

    Refuses to start while JOINEDUP_SECRET_KEY, JOINEDUP_ALLOWED_HOSTS or
    DATABASE_URL is missing. Collects static files, applies migrations, then
    serves. See docs/production.md.

    Example:

        DATABASE_URL=postgres://... JOINEDUP_SECRET_KEY=... \
        JOINEDUP_ALLOWED_HOSTS=joinedup.example.org joinedup serve
    """
    from joinedup.web.production import missing_settings

    problems = missing_settings(os.environ)
    if problems:
        raise InputError(
            "joinedup serve needs its production settings:\n  " + "\n  ".join(problems)
        )
    count = workers or _web_concurrency()
    home()
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=1)
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "joinedup.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(count),
            "--access-logfile",
            "-",
        ],
    )


def _web_concurrency() -> int:
    """Worker processes: $WEB_CONCURRENCY, or 2 x CPUs + 1 when it is not set."""
    given = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not given:
        return 2 * (os.cpu_count() or 1) + 1
    if not given.isdecimal() or not 1 <= int(given) <= 64:
        raise InputError(f"WEB_CONCURRENCY must be a whole number from 1 to 64, not {given!r}")
    return int(given)


@click.command()
def migrate() -> None:
    """Create or update the database tables.

    Example: DATABASE_URL=postgres://... joinedup migrate
    """
    home()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


@click.command()
@click.argument("username")
@click.option("--email", default="", help="Their email address.")
@click.option("--first-name", default="")
@click.option("--last-name", default="")
@click.option(
    "--staff",
    is_flag=True,
    help="Site staff: may log in to the admin at /admin/, and do there what a superuser "
    "allows them.",
)
@click.option(
    "--superuser",
    is_flag=True,
    help="Site staff who may do everything in the admin (manage every user and record).",
)
@click.password_option(
    envvar="JOINEDUP_NEW_USER_PASSWORD",
    help="Asked for when not given (or set $JOINEDUP_NEW_USER_PASSWORD).",
)
def createuser(
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    staff: bool,
    superuser: bool,
    password: str,
) -> None:
    """Create a user account who can then be added to partnerships.

    The username may have letters, numbers and @ . + - _ (up to 150) and must
    not be taken, in any case; the email, when given, must be an email address.
    The password must have at least 12 characters, not all digits, not a
    common one and not like the username, name or email address.

    Example: joinedup createuser j.smith --email j.smith@example.org --first-name Jo
    """
    home()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from joinedup.web.accounts.forms import check_username

    try:
        check_username(username)
    except ValidationError as exc:
        raise InputError(f"username {username!r}: " + " ".join(exc.messages)) from None
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError(
                f"--email {email!r}: not an email address; write it like j.smith@example.org"
            ) from None
    User = get_user_model()
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=staff or superuser,
        is_superuser=superuser,
    )
    refuse_weak_password(password, "password", user)
    user.set_password(password)
    user.save()
    kind = " (site staff, superuser)" if superuser else " (site staff)" if staff else ""
    click.echo(f"Created {username}{kind}.")


@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run one of Django's management commands (joinedup manage help lists them).

    Example: joinedup manage check --deploy
    """
    home()
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["joinedup manage", *args])
