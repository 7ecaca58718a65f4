"""``joinedup verdict``: the verdict from the database, as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from click.testing import CliRunner

from joinedup.cli import main
from joinedup.core.effort import Grade
from joinedup.core.register import Sector
from joinedup.web.outcomes.models import DataPoint
from joinedup.web.partnerships.models import Partnership
from tests.factories import month

FLAT = [50.0, 52.0, 49.0, 51.0] * 6  # 24 months of common cause variation


@pytest.fixture
def talking_shop(riverside: Partnership) -> Partnership:
    """An owned outcome with two flat years, and 60 hours of meetings a month
    all the while, from one partner."""
    from django.contrib.auth.models import User

    acute = riverside.partners.create(name="Riverside Hospitals", sector=Sector.NHS)
    owner = riverside.members.create(
        user=User.objects.create_user("lead"),
        partner=acute,
        role="lead",
        can_commit_resources=True,
        start_date=dt.date(2022, 4, 1),
    )
    outcome = riverside.outcomes.create(title="Home sooner", owner=owner)
    indicator = outcome.indicators.create(
        name="Home on the day", unit="%", improvement="increase", kind="better_off"
    )
    DataPoint.objects.bulk_create(
        DataPoint(indicator=indicator, period=month(i), value=v) for i, v in enumerate(FLAT)
    )
    for n in range(24):
        meeting = riverside.meetings.create(date=month(n), title="Board", duration_minutes=120)
        meeting.attendance.create(partner=acute, grade=Grade.MANAGER, people=30)
    return riverside


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["verdict", *args])
    return result.exit_code, result.stdout, result.stderr


def test_it_prints_the_verdict_and_every_fact_as_text(talking_shop: Partnership) -> None:
    code, out, _ = run("riverside")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Riverside Discharge Partnership: Effort without results yet."
    assert "Confidence: Moderate." in lines
    assert any(line.startswith("  - Home on the day has no baseline") for line in lines)
    assert any(line.startswith("Suggested stance: Escalate and redesign it.") for line in lines)
    assert "  - Home sooner: Stable (confidence: moderate)" in lines
    assert "Why:" in lines
    assert any(line.startswith("  - Effort: 60 person-hours") for line in lines)


def test_it_prints_json_with_the_thresholds_used(talking_shop: Partnership) -> None:
    code, out, _ = run(
        "riverside",
        "--format",
        "json",
        "--threshold",
        "heavy_hours=100",
        "--threshold",
        "heavy_cost=10000",
    )
    assert code == 0
    data = json.loads(out)
    assert data["partnership"] == "riverside"
    assert data["verdict"] == "holding"
    assert data["stance"] == "keep_low_maintenance"
    assert data["effort"]["band"] == "moderate"
    assert data["thresholds"]["heavy_hours"] == 100
    assert {"kind", "text", "weight", "outcome"} == set(data["facts"][0])
    assert data["outcomes"][0]["title"] == "Home sooner"
    assert data["confidence"]["level"] == "moderate"


def test_a_partnership_without_data_is_not_yet_judgeable(riverside: Partnership) -> None:
    code, out, _ = run("riverside", "--format", "json")
    assert code == 0
    assert json.loads(out)["verdict"] == "not_yet_judgeable"
    assert json.loads(out)["stance"] is None


def test_an_unknown_partnership_exits_2_with_a_message(riverside: Partnership) -> None:
    code, out, err = run("nowhere")
    assert code == 2
    assert err == "Error: there is no partnership called 'nowhere'\n"
    assert "Traceback" not in out + err


def test_a_bad_threshold_exits_2_naming_it(riverside: Partnership) -> None:
    code, _, err = run("riverside", "--threshold", "flat_months=soon")
    assert code == 2
    assert "field 'flat_months': expected a whole number, not 'soon'" in err


def test_the_demo_verdict_is_improving_on_a_condition_and_says_how_sure(db: Any) -> None:
    from joinedup.web import demo

    with time_machine.travel(dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC), tick=False):
        demo.load()
        code, out, _ = run("riverside")
        json_code, text, _ = run("riverside", "--format", "json")
    assert code == json_code == 0
    assert out.startswith(
        "Riverside Discharge Partnership: Improving, on condition that “Carers are supported "
        "when the person they care for comes home” has an accountable owner by 1 January 2027.\n"
    )
    assert "Confidence: High." in out
    assert "judged against the 12 values before the start" in out
    data = json.loads(text)
    assert (data["verdict"], data["stance"]) == ("delivering", "invest_to_deepen")
    assert data["confidence"]["level"] == "high"
    (condition,) = data["conditions"]
    assert (condition["kind"], condition["due"], condition["principal"]) == (
        "no_owner",
        "2027-01-01",
        False,
    )
    home, carers = data["outcomes"]
    assert (home["verdict"], home["principal"]) == ("delivering", True)
    assert (carers["verdict"], carers["principal"]) == ("not_yet_judgeable", False)
    changes = {i["name"]: i["change"] for i in home["indicators"] if i["kind"] == "better_off"}
    assert changes == {
        "Percentage discharged with no delay": "new",
        "Delayed bed days": "new",
    }
