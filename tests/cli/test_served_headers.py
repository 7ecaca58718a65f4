"""The security headers as a browser gets them: from gunicorn, started by
``joinedup serve`` with the production settings, behind a (pretend) proxy
that ends TLS and says so with X-Forwarded-Proto."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from joinedup.web.demo import DEFAULT_PASSWORD
from tests.cli.test_web_cli import JOINEDUP, PRODUCTION_LIKE, _run

HOST = "joinedup.example.org"


class Browser:
    """Just enough of one: cookies, the proxy's headers, no redirects followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.7",
            "Referer": f"https://{HOST}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, text

    def log_in(self, username: str) -> None:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page
        form = {"csrfmiddlewaretoken": token.group(1), "username": username}
        response, _ = self.request(
            "POST", "/accounts/login/", form | {"password": DEFAULT_PASSWORD}
        )
        assert response.status == 302, response.status


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    home = tmp_path_factory.mktemp("served")
    assert _run(home, "demo", "--no-server").returncode == 0
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOINEDUP_", "DATABASE_URL", "DJANGO_"))
    }
    environ |= PRODUCTION_LIKE | {
        "JOINEDUP_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'joinedup.sqlite3'}",
        "WEB_CONCURRENCY": "1",
    }
    port = _free_port()
    server = subprocess.Popen(
        [*JOINEDUP, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    browser = Browser(port)
    try:
        for _ in range(600):
            try:
                if browser.request("GET", "/healthz")[0].status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            time.sleep(0.1)
        else:
            pytest.fail("joinedup serve did not answer within a minute")
        yield browser
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _csp(response: http.client.HTTPResponse) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    assert header, "no Content-Security-Policy"
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def _assert_private(response: http.client.HTTPResponse) -> None:
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]


def test_the_log_in_page_and_every_partnership_page_carry_the_headers(served: Browser) -> None:
    response, _ = served.request("GET", "/accounts/login/")
    assert response.status == 200
    _assert_private(response)
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    served.log_in("lead")
    for path in ("/partnerships/", "/partnerships/riverside/", "/partnerships/riverside/members/"):
        response, _ = served.request("GET", path)
        assert response.status == 200, path
        _assert_private(response)


def test_the_results_export_is_never_stored(served: Browser) -> None:
    served.log_in("lead")
    _, rounds = served.request("GET", "/partnerships/riverside/assessment/")
    closed = re.findall(r'href="(/partnerships/riverside/assessment/\d+/)"', rounds)
    exports = []
    for path in closed:
        _, page = served.request("GET", f"{path}results/")
        exports += re.findall(r'href="([^"]+results\.csv)"', page)
    assert exports
    response, text = served.request("GET", exports[0])
    assert response.headers["Content-Type"].startswith("text/csv")
    assert text.startswith("level,id,principle")
    _assert_private(response)


def test_static_files_keep_their_caching(served: Browser) -> None:
    _, page = served.request("GET", "/accounts/login/")
    [css] = re.findall(r'href="(/static/joinedup/joinedup[^"]*\.css)"', page)
    response, _ = served.request("GET", css)
    assert response.status == 200
    assert "no-store" not in (response.headers["Cache-Control"] or "")


def test_the_only_inline_script_is_allowed_by_its_hash(served: Browser) -> None:
    response, page = served.request("GET", "/accounts/login/")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.DOTALL)
    assert inline  # the NHS.UK template's
    allowed = _csp(response)["script-src"]
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed
