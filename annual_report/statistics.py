"""The report's figures, counted from the records (S5.2: never typed in by hand).

Table 三 follows the life of each request over the year: 本年新收 = received in the year; 上年结转 =
received before the year and still open on 1 January; a result = answered in the year, in the row
its record names; 结转下年度 = received by 31 December and still open then. Each request is counted
once on each side, so R1 (一 + 二 = （七）总计 + 四) holds whenever the records are complete.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from cms_pages.models import DisclosureItemPage
from disclosure_requests.models import DisclosureRequest

from . import tables
from .models import LegalCase, ProactiveFigure

Kind = DisclosureItemPage.DocumentKind
COLUMN_OF_KIND = {kind.value: kind.label for kind in DisclosureRequest.OrganisationKind}
NATURAL_PERSON, TOTAL_COLUMN = tables.APPLICANT_COLUMNS[0], tables.APPLICANT_COLUMNS[-1]


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def compute(year):
    """The three tables of `year` in the shape `annual_report YEAR --json` prints."""
    report_format = tables.format_for(year)
    return {
        "year": year,
        "format": report_format,
        "table2": table2(year, report_format),
        "table3": table3(year, report_format),
        "table4": table4(year),
    }


# -- table 二 --------------------------------------------------------------------------------------


def table2(year, report_format):
    entered = entered_figures(year)
    blocks = {}
    for block in tables.TABLE2[report_format]:
        if block.entered:
            rows = {
                row: [entered.get(tables.figure_key(block, row, column)) for column in block.columns]
                for row in block.rows
            }
        else:
            rows = document_counts(year, report_format, block.rows)
        blocks[block.caption] = {"columns": list(block.columns), "rows": rows}
    return blocks


def entered_figures(year):
    return {figure.key: number(figure.value) for figure in ProactiveFigure.objects.filter(year=year)}


def number(value):
    """A Decimal as the int or float it is, for JSON and for display."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def document_counts(year, report_format, row_labels):
    """规章 and (行政)规范性文件 from the catalogue's items: made, repealed or published, and in force."""
    start, end = year_bounds(year)
    items = DisclosureItemPage.objects.live().annotate(made=Coalesce("written", "published"))
    rows = {}
    for label, kind in zip(row_labels, (Kind.RULE, Kind.NORMATIVE), strict=True):
        of_kind = items.filter(document_kind=kind)
        still_valid = Q(validity=DisclosureItemPage.Validity.IN_FORCE) | Q(invalid_from__gt=end)
        if report_format == tables.FORMAT_2021:
            counts = of_kind.aggregate(
                made_in_year=Count("pk", filter=Q(made__range=(start, end))),
                repealed_in_year=Count(
                    "pk",
                    filter=~Q(validity=DisclosureItemPage.Validity.IN_FORCE)
                    & Q(invalid_from__range=(start, end)),
                ),
                in_force=Count("pk", filter=Q(made__lte=end) & still_valid),
            )
        else:
            counts = of_kind.aggregate(
                made_in_year=Count("pk", filter=Q(made__range=(start, end))),
                published_in_year=Count("pk", filter=Q(published__range=(start, end))),
                published_total=Count("pk", filter=Q(published__lte=end)),
            )
        rows[label] = list(counts.values())
    return rows


# -- table 三 --------------------------------------------------------------------------------------


def column_of(applicant_type, organisation_kind):
    if applicant_type == DisclosureRequest.ApplicantType.CITIZEN:
        return NATURAL_PERSON
    return COLUMN_OF_KIND.get(organisation_kind, "其他")


def counts_by_column(queryset, *extra):
    """{(column, *extra values): count} in one grouped query."""
    counts = Counter()
    grouped = queryset.values("applicant_type", "organisation_kind", *extra).annotate(n=Count("pk"))
    for row in grouped.order_by():
        counts[
            (column_of(row["applicant_type"], row["organisation_kind"]), *(row[name] for name in extra))
        ] += row["n"]
    return counts


def as_row(counts):
    """Seven integers in the official column order, the last the total of the six before it."""
    values = [counts.get(column, 0) for column in tables.APPLICANT_COLUMNS[:-1]]
    return [*values, sum(values)]


def open_on(day):
    """Not yet answered at the start of `day`."""
    return Q(answered_on__isnull=True) | Q(answered_on__gte=day)


def table3(year, report_format):
    start, end = year_bounds(year)
    requests = DisclosureRequest.objects.filter(received_date__isnull=False)
    received = counts_by_column(requests.filter(received_date__range=(start, end)))
    carried_in = counts_by_column(requests.filter(open_on(start), received_date__lt=start))
    carried_out = counts_by_column(
        requests.filter(open_on(end + datetime.timedelta(days=1)), received_date__lte=end)
    )
    answered = counts_by_column(requests.filter(answered_on__range=(start, end)), "report_row")

    results = {key: Counter() for key in tables.result_keys(report_format)}
    for (column, label), count in answered.items():
        row = tables.RESULT_ROW_BY_LABEL.get(label)
        if row is not None:  # an unknown label is named by the checks, never counted in a wrong row
            results[row.key(report_format)][column] += count
    total = sum(results.values(), Counter())
    rows = {
        tables.RECEIVED: as_row({column: n for (column,), n in received.items()}),
        tables.CARRIED_IN: as_row({column: n for (column,), n in carried_in.items()}),
        **{key: as_row(counts) for key, counts in results.items()},
        tables.TOTAL: as_row(total),
        tables.CARRIED_OUT: as_row({column: n for (column,), n in carried_out.items()}),
    }
    return {"columns": list(tables.APPLICANT_COLUMNS), "rows": rows}


# -- table 四 --------------------------------------------------------------------------------------

GROUP_OF_KIND = {
    LegalCase.Kind.RECONSIDERATION: 0,
    LegalCase.Kind.LAWSUIT_DIRECT: 1,
    LegalCase.Kind.LAWSUIT_AFTER_RECONSIDERATION: 2,
}
OUTCOME_INDEX = {outcome.value: index for index, outcome in enumerate(LegalCase.Outcome)}


def table4(year):
    """Cases filed in the year, each with its outcome as it stood on 31 December."""
    start, end = year_bounds(year)
    values = [0] * len(tables.TABLE4_COLUMNS)
    width = len(tables.OUTCOMES)
    for case in LegalCase.objects.filter(filed_on__range=(start, end)):
        group = GROUP_OF_KIND[case.kind] * width
        values[group + OUTCOME_INDEX[case.outcome_at(end)]] += 1
        values[group + width - 1] += 1
    return {"columns": list(tables.TABLE4_COLUMNS), "values": values}


# -- figures quoted in the narrative -----------------------------------------------------------------


def facts(year):
    """Figures the narrative quotes and section 六 states (S5.2 (4): fees and waivers)."""
    start, end = year_bounds(year)
    answered = DisclosureRequest.objects.filter(answered_on__range=(start, end))
    fees = answered.aggregate(total=Sum("fee_amount"))["total"] or Decimal(0)
    waivers = DisclosureRequest.objects.filter(received_date__range=(start, end)).exclude(
        fee_waiver_ground=""
    )
    return {
        "published_items": DisclosureItemPage.objects.live().filter(published__range=(start, end)).count(),
        "fees": number(fees),
        "waiver_requests": waivers.count(),
        "waivers_granted": waivers.filter(fee_waiver_approved=True).count(),
    }
