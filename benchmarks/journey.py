"""The whole journey of a new partnership, timed: how long a lead and three
members take in the browser, and how many pages they load.

Run: .venv/bin/python benchmarks/journey.py [--runs N]

Runs tests/browser/journey.py (the journey the browser test checks with axe,
here without axe) against a fresh site: a throwaway JOINEDUP_HOME with a
SQLite database, migrated, with one account made for the lead as an
operator would (``joinedup createuser``), served by Django's development
server in another process, email written to files. Prints the wall time of
each run, the pages loaded (every document a person's click opened: the
lead's on a desktop, each member's on a phone), the time per page, and as
the baseline, measured in the same run, the time to load one plain page
(the log-in page) in the same browser.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the journey lives with the browser tests

from tests.browser.journey import LEAD, Journey, Mailbox  # noqa: E402

CHROMIUM = os.environ.get("JOINEDUP_CHROMIUM", "/usr/bin/chromium")
JOINEDUP = [sys.executable, "-m", "joinedup"]
BASELINE_LOADS = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def site(home: Path) -> tuple[dict[str, str], subprocess.Popen[bytes], str]:
    """A fresh site in ``home`` with the lead's account, served; its environment,
    server process and address."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JOINEDUP_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        JOINEDUP_HOME=str(home),
        JOINEDUP_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    subprocess.run([*JOINEDUP, "migrate"], env=env, check=True, capture_output=True)
    username, name, password = LEAD
    first, last = name.split()
    subprocess.run(
        [*JOINEDUP, "createuser", username, "--email", f"{username}@example.org"]
        + ["--first-name", first, "--last-name", last],
        env={**env, "JOINEDUP_NEW_USER_PASSWORD": password},
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [*JOINEDUP, "manage", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    return env, server, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="fresh sites, one journey each")
    args = parser.parse_args()
    print(f"joinedup journey benchmark: {platform.python_version()}, {os.cpu_count()} cores")
    walls, pages, baselines = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory(prefix="joinedup-journey-") as folder:
                home = Path(folder)
                _, server, base = site(home)
                try:
                    journey = Journey(browser, base, Mailbox(home / "mail"))
                    started = time.perf_counter()
                    journey.run()
                    wall = time.perf_counter() - started
                    journey.close()
                    baseline = plain_page(browser, base)
                finally:
                    server.terminate()
                    server.wait(timeout=10)
            walls.append(wall)
            pages.append(journey.pages)
            baselines.append(baseline)
            print(
                f"run {run}: {wall:.1f} s, {journey.pages} pages loaded, "
                f"{1000 * wall / journey.pages:.0f} ms a page; one plain page "
                f"{1000 * baseline:.0f} ms"
            )
        browser.close()
    wall, count = statistics.median(walls), statistics.median(pages)
    baseline = statistics.median(baselines)
    print(
        f"median: {wall:.1f} s for {count:.0f} pages ({1000 * wall / count:.0f} ms a page, "
        f"{wall / count / baseline:.1f}x the plain page, which includes the person's typing "
        "and clicking as Playwright does it)"
    )


def plain_page(browser: Browser, base: str) -> float:
    """Seconds to load the log-in page, the median of BASELINE_LOADS loads."""
    context = browser.new_context()
    page = context.new_page()
    times = []
    for _ in range(BASELINE_LOADS):
        started = time.perf_counter()
        page.goto(f"{base}/accounts/login/")
        times.append(time.perf_counter() - started)
    context.close()
    return statistics.median(times)


if __name__ == "__main__":
    main()
