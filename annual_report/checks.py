"""Consistency rules a report must pass before anyone can submit it, each failure named in plain Chinese.

R1 (printed in table 三): 一 + 二 = （七）总计 + 四, in every column. R2: （七）总计 is the sum of the
result rows. R3: the 总计 column is the sum of the six applicant columns, in every row. R4: this
year's 上年结转 equals last year's 结转下年度. T4: in table 四 each 总计 is the sum of its group.
The record checks say which requests keep the figures from adding up, by their numbers.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F

from disclosure_requests.models import DisclosureRequest

from . import tables

MAX_LISTED = 10


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str

    def __str__(self):
        return f"{self.message}（{self.rule}）"


def table3_problems(table3, report_format, previous=None, previous_year=None):
    """R1–R4 on a table 三; `previous` is last year's table 三, if there is one."""
    rows, columns = table3["rows"], table3["columns"]
    results = tables.result_keys(report_format)
    problems = []
    for index, column in enumerate(columns):
        value = {row: values[index] for row, values in rows.items()}.__getitem__
        incoming = value(tables.RECEIVED) + value(tables.CARRIED_IN)
        outgoing = value(tables.TOTAL) + value(tables.CARRIED_OUT)
        if incoming != outgoing:
            problems.append(
                Problem(
                    "R1",
                    f"表三“{column}”列：一、本年新收（{value(tables.RECEIVED)}）加二、上年结转"
                    f"（{value(tables.CARRIED_IN)}）为 {incoming}，而（七）总计（{value(tables.TOTAL)}）加"
                    f"四、结转下年度继续办理（{value(tables.CARRIED_OUT)}）为 {outgoing}，两者应当相等",
                )
            )
        results_sum = sum(value(row) for row in results)
        if results_sum != value(tables.TOTAL):
            problems.append(
                Problem(
                    "R2",
                    f"表三“{column}”列：（七）总计为 {value(tables.TOTAL)}，但（一）至（六）各项办理结果"
                    f"之和为 {results_sum}",
                )
            )
    for row, values in rows.items():
        if sum(values[:-1]) != values[-1]:
            problems.append(
                Problem("R3", f"表三“{row}”行：总计栏为 {values[-1]}，但各类申请人之和为 {sum(values[:-1])}")
            )
    if previous is not None:
        for index, column in enumerate(columns):
            before, now = previous["rows"][tables.CARRIED_OUT][index], rows[tables.CARRIED_IN][index]
            if before != now:
                problems.append(
                    Problem(
                        "R4",
                        f"表三“{column}”列：本年二、上年结转为 {now}，而{previous_year}年报告的四、"
                        f"结转下年度继续办理为 {before}，两者应当相等",
                    )
                )
    return problems


def table4_problems(table4):
    values, width = table4["values"], len(tables.OUTCOMES)
    problems = []
    for number, group in enumerate(tables.CASE_GROUPS):
        part = values[number * width : (number + 1) * width]
        if sum(part[:-1]) != part[-1]:
            problems.append(
                Problem(
                    "T4",
                    f"表四“{group}”：总计为 {part[-1]}，但维持、纠正、其他、尚未审结之和为 {sum(part[:-1])}",
                )
            )
    return problems


def table2_problems(table2):
    problems = []
    for caption, block in table2.items():
        for row, values in block["rows"].items():
            for column, value in zip(block["columns"], values, strict=True):
                if value is None:
                    problems.append(Problem("T2", f"表二{caption}“{row}”的“{column}”尚未填报（没有的填 0）"))
    return problems


def record_problems(year):
    """Requests whose records keep table 三 from adding up: an unknown result, or answered before received."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    answered = DisclosureRequest.objects.filter(answered_on__range=(start, end))
    problems = []
    unknown = answered.exclude(report_row__in=tables.RESULT_ROWS).order_by("tracking_number")
    problems += _listed(
        "R1",
        unknown,
        lambda request: (
            f"申请 {request.tracking_number} 已于{request.answered_on:%Y年%-m月%-d日}答复，"
            f"但办理结果“{request.report_row or '（空）'}”不是表三的统计项"
        ),
    )
    backwards = answered.filter(answered_on__lt=F("received_date")).order_by("tracking_number")
    problems += _listed(
        "R1", backwards, lambda request: f"申请 {request.tracking_number} 的答复日期早于收到日期"
    )
    no_receipt = answered.filter(received_date__isnull=True).order_by("tracking_number")
    problems += _listed(
        "R1", no_receipt, lambda request: f"申请 {request.tracking_number} 已答复但没有收到申请日期"
    )
    return problems


def _listed(rule, queryset, describe):
    requests = list(queryset[: MAX_LISTED + 1])
    problems = [Problem(rule, describe(request)) for request in requests[:MAX_LISTED]]
    if len(requests) > MAX_LISTED:
        problems.append(
            Problem(rule, f"另有 {queryset.count() - MAX_LISTED} 件申请有同样问题，请在申请台账中筛选")
        )
    return problems


def statistics_problems(figures, previous=None, with_records=True):
    """Every problem with the figures of a year; `previous` is last year's figures, if any."""
    year, report_format = figures["year"], figures["format"]
    problems = record_problems(year) if with_records else []
    problems += table3_problems(
        figures["table3"], report_format, previous and previous["table3"], previous and previous["year"]
    )
    problems += table4_problems(figures["table4"])
    problems += table2_problems(figures["table2"])
    return problems
