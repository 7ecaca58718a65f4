"""The summary table page and its CSV: every indicator with its icons, sorted
and filtered from the query string (a GET form, so it works without
JavaScript and a filtered table has an address to share)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from joinedup.core.summary import Sort, SummaryRow, arrange, assurance_choices, groups
from joinedup.core.summary import variation_choices as variations
from joinedup.web.access import Access, partnership_view
from joinedup.web.outcomes.facts import board
from joinedup.web.outcomes.summary import csv_response, summary_rows
from joinedup.web.pages import partnership_page


class SummaryFilter(forms.Form):
    """How to read the table: its order, and which icons to show."""

    sort = forms.ChoiceField(label="Sort by", required=False, choices=Sort.choices())
    variation = forms.ChoiceField(
        label="Variation icon",
        required=False,
        choices=[("", "Any"), *variations()],
        error_messages={"invalid_choice": "Choose a variation icon from the list"},
    )
    assurance = forms.ChoiceField(
        label="Assurance icon",
        required=False,
        choices=[("", "Any"), *assurance_choices()],
        error_messages={"invalid_choice": "Choose an assurance icon from the list"},
    )

    def choice(self) -> dict[str, Any]:
        """The valid choices (a wrong one is ignored, and its error shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def rows(self, rows: list[SummaryRow]) -> list[SummaryRow]:
        chosen = self.choice()
        return arrange(
            rows,
            Sort(chosen.get("sort", Sort.OUTCOME)),
            [chosen["variation"]] if "variation" in chosen else [],
            [chosen["assurance"]] if "assurance" in chosen else [],
        )


def _chosen(request: HttpRequest, access: Access) -> tuple[SummaryFilter, list[SummaryRow], Any]:
    found = board(access.partnership)
    filters = SummaryFilter(request.GET or None)
    return filters, filters.rows(summary_rows(access.partnership, found)), found


@partnership_view()
def summary(request: HttpRequest, access: Access) -> HttpResponse:
    filters, rows, found = _chosen(request, access)
    chosen = filters.choice()
    return partnership_page(
        request,
        "outcomes/summary.jinja",
        access,
        filters=filters,
        groups=groups(rows),
        rows=rows,
        grouped=chosen.get("sort", Sort.OUTCOME) == Sort.OUTCOME,
        filtered=bool({"variation", "assurance"} & set(chosen)),
        bare=[outcome.title for outcome in found.outcomes if not outcome.indicators.all()],
        query=request.GET.urlencode(),
    )


@partnership_view()
def summary_csv(request: HttpRequest, access: Access) -> HttpResponse:
    _, rows, _ = _chosen(request, access)
    slug = access.partnership.slug
    charts = {
        row.indicator_id: request.build_absolute_uri(
            reverse("outcomes:indicator", args=[slug, row.indicator_id])
        )
        for row in rows
    }
    return csv_response(rows, charts, f"{slug}-summary.csv")
