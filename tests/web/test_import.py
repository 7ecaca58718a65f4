"""Importing a series through the page: check, confirm, apply; all or nothing."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from tests.factories import World, confirm_import, make_indicator, outcomes_url


def upload(client: Client, world: World, indicator: Indicator, text: str, name: str = "v.csv"):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile(name, text.encode())
    return client.post(outcomes_url(world, "import", indicator.pk), {"file": file})


def values(indicator: Indicator) -> dict[dt.date, float]:
    return dict(indicator.points.values_list("period", "value"))


def test_a_good_file_is_checked_confirmed_and_applied(world: World) -> None:
    indicator = make_indicator(world, [50.0, 60.0])
    client = world.client("analyst")
    response = upload(
        client, world, indicator, "period,value,note\n2021-02-28,65,recount\n2021-03-01,70,\n"
    )
    assert response.status_code == 302
    assert response["Location"].startswith(outcomes_url(world, "import_confirm", indicator.pk))
    assert values(indicator) == {dt.date(2021, 1, 1): 50, dt.date(2021, 2, 1): 60}  # not yet

    page = client.get(response["Location"]).content.decode()
    assert "1 new period, Mar 2021 to Mar 2021" in page
    assert "1 period with a value already, which will be replaced" in page
    assert "Feb 2021" in page and ">60<" in page and ">65<" in page

    done = confirm_import(client, response["Location"])
    assert done.status_code == 302 and done["Location"] == outcomes_url(
        world, "indicator", indicator.pk
    )
    assert values(indicator) == {
        dt.date(2021, 1, 1): 50,
        dt.date(2021, 2, 1): 65,
        dt.date(2021, 3, 1): 70,
    }
    history = {(c.field, c.old, c.new) for c in ChangeRecord.objects.all()}
    assert history == {
        ("value", "60", "65"),
        ("values", "", "1 new value, 2021-03-01 to 2021-03-01"),
    }
    assert {c.source for c in ChangeRecord.objects.all()} == {"import of v.csv"}
    assert client.get(outcomes_url(world, "indicator", indicator.pk)).status_code == 200


def test_a_file_with_bad_rows_changes_nothing_and_lists_every_one(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    text = "period,value\n2021-02-01,51\nsoon,52\n2021-04-01,lots\n2021-04-15,53\n2021-05-01,\n"
    response = upload(world.client("owner"), world, indicator, text, "bad.csv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Import values" in page
    assert "nothing has been imported" in page
    for problem in (
        "row 3, field &#39;period&#39;: expected a date like 2024-03-31, not &#39;soon&#39;",
        "row 4, field &#39;value&#39;: expected a number or nothing, not &#39;lots&#39;",
        "row 5, field &#39;period&#39;: period 2021-04-15 is in the same month as row 4",
        "row 6, field &#39;value&#39;: a value is needed",
    ):
        assert problem in page
    assert 'href="#id_file"' in page and "bad.csv has problems" in page
    assert values(indicator) == {dt.date(2021, 1, 1): 50}
    assert not ChangeRecord.objects.exists()


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("when,value\n2021-01-01,1\n", "v.csv", "row 1 (header): missing 1 column (period)"),
        ("", "v.csv", "The file is empty"),
        ("not a workbook", "v.xlsx", "not a readable XLSX workbook"),
        ("period,value\n", "v.txt", "The file must be a CSV or XLSX file"),
    ],
)
def test_an_unusable_file_is_explained(world: World, text: str, name: str, message: str) -> None:
    indicator = make_indicator(world)
    page = upload(world.client("owner"), world, indicator, text, name).content.decode()
    assert message in page
    assert not DataPoint.objects.exists()


def test_no_file_is_explained(world: World) -> None:
    indicator = make_indicator(world)
    response = world.client("owner").post(outcomes_url(world, "import", indicator.pk), {})
    assert "Choose a CSV or XLSX file to upload" in response.content.decode()


def test_an_xlsx_file_is_imported(world: World) -> None:
    indicator = make_indicator(world)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Period", "Value"])
    sheet.append([dt.datetime(2021, 1, 1), 41])
    sheet.append([dt.date(2021, 2, 1), 42.5])
    data = io.BytesIO()
    book.save(data)
    client = world.client("owner")
    file = SimpleUploadedFile("values.xlsx", data.getvalue())
    confirm = client.post(outcomes_url(world, "import", indicator.pk), {"file": file})["Location"]
    confirm_import(client, confirm)
    assert values(indicator) == {dt.date(2021, 1, 1): 41, dt.date(2021, 2, 1): 42.5}


def test_confirming_with_nothing_uploaded_changes_nothing(world: World) -> None:
    indicator = make_indicator(world)
    response = world.client("owner").post(outcomes_url(world, "import_confirm", indicator.pk))
    assert "Nothing is waiting to be imported." in response.content.decode()
    assert not DataPoint.objects.exists()


def test_the_checked_rows_stay_with_their_indicator(world: World) -> None:
    first = make_indicator(world, name="First")
    second = make_indicator(world, name="Second")
    client = world.client("owner")
    confirm = upload(client, world, first, "period,value\n2021-01-01,1\n")["Location"]
    # What was checked for one indicator cannot be applied to another.
    client.post(confirm.replace(f"/{first.pk}/", f"/{second.pk}/"))
    assert not second.points.exists()


def test_a_checked_file_that_no_longer_fits_is_refused_at_confirming(world: World) -> None:
    indicator = make_indicator(world)
    client = world.client("analyst")
    confirm = upload(client, world, indicator, "period,value\n2021-02-01,51\n")["Location"]
    page = client.get(confirm).content.decode()
    fields = dict(re.findall(r'name="(held|plan)" value="([^"]*)"', page))
    # A lead makes the indicator quarterly (it has no values yet) before the analyst confirms.
    Indicator.objects.filter(pk=indicator.pk).update(frequency="quarterly")
    response = client.post(outcomes_url(world, "import_confirm", indicator.pk), fields)
    assert response.status_code == 302
    assert response["Location"] == outcomes_url(world, "import", indicator.pk)
    page = client.get(response["Location"]).content.decode()
    assert "v.csv no longer fits the indicator" in page and "first day of a quarter" in page
    assert not indicator.points.exists()
    assert "Nothing is waiting" in client.get(confirm).content.decode()  # let go


def test_a_file_that_changes_nothing_says_so(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("owner")
    confirm = upload(client, world, indicator, "period,value\n2021-01-01,50\n")["Location"]
    page = client.get(confirm).content.decode()
    assert "Nothing would change." in page and "Import the values" not in page


@pytest.mark.parametrize("who", ["member", "viewer"])
def test_readers_cannot_import(world: World, who: str) -> None:
    indicator = make_indicator(world)
    assert (
        upload(world.client(who), world, indicator, "period,value\n2021-01-01,1\n").status_code
        == 403
    )
    assert (
        world.client(who).post(outcomes_url(world, "import_confirm", indicator.pk)).status_code
        == 403
    )
    assert not DataPoint.objects.exists()


def test_the_outsider_gets_404(world: World) -> None:
    indicator = make_indicator(world)
    response = upload(world.client("outsider"), world, indicator, "period,value\n2021-01-01,1\n")
    assert response.status_code == 404


def test_two_checks_in_two_tabs_each_import_their_own_file(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("analyst")
    first = upload(client, world, indicator, "period,value\n2021-02-01,1\n", "concA.csv")
    second = upload(client, world, indicator, "period,value\n2021-02-01,2\n", "concB.csv")
    assert "concB.csv" in client.get(second["Location"]).content.decode()
    done = confirm_import(client, first["Location"])  # the concA page, still open
    assert "Imported concA.csv" in client.get(done["Location"]).content.decode()
    assert values(indicator)[dt.date(2021, 2, 1)] == 1
    assert "concB.csv" in client.get(second["Location"]).content.decode()  # still waiting


def test_values_changed_since_the_check_are_shown_again_not_overwritten(world: World) -> None:
    indicator = make_indicator(world, [928.0])
    client = world.client("analyst")
    confirm = upload(client, world, indicator, "period,value\n2021-01-01,500\n")["Location"]
    page = client.get(confirm).content.decode()
    assert ">928<" in page
    fields = dict(re.findall(r'name="(held|plan)" value="([^"]*)"', page))
    DataPoint.objects.filter(indicator=indicator).update(value=401)  # another import
    again = client.post(outcomes_url(world, "import_confirm", indicator.pk), fields)
    assert again.status_code == 200
    shown = again.content.decode()
    assert "values changed after this page was shown" in shown and "nothing has been imported" in (
        shown
    )
    assert ">401<" in shown and ">928<" not in shown
    assert values(indicator) == {dt.date(2021, 1, 1): 401}
    assert not ChangeRecord.objects.exists()
    assert confirm_import(client, confirm).status_code == 302  # confirmed as shown now
    assert values(indicator) == {dt.date(2021, 1, 1): 500}
    assert ChangeRecord.objects.get().old == "401"


def test_a_confirmation_without_its_plan_imports_nothing(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("analyst")
    confirm = upload(client, world, indicator, "period,value\n2021-01-01,5\n")["Location"]
    held = re.search(r"held=([^&]+)", confirm)[1]
    response = client.post(outcomes_url(world, "import_confirm", indicator.pk), {"held": held})
    assert response.status_code == 200 and "Import the values" in response.content.decode()
    assert values(indicator) == {dt.date(2021, 1, 1): 50}


def test_a_file_of_many_bad_rows_lists_the_first_hundred_and_counts_the_rest(
    world: World,
) -> None:
    indicator = make_indicator(world)
    text = "period,value\n" + "2021-01-01,5\n" * 300  # every row in the one month
    response = upload(world.client("analyst"), world, indicator, text, "same.csv")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert page.count("appears again (first in row 2)") == 100
    assert "row 102, field" in page and "row 103, field" not in page  # rows 3 to 102
    assert (
        "And 199 more problems, not listed: 199 in the period column. Fix the ones listed, "
        "then check the file again." in page
    )
    assert len(page) < 100_000  # not 299 problems' worth of page
    assert not DataPoint.objects.exists()
