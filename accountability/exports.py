"""The year's assessment results as XLSX and as PDF (through the letters' WeasyPrint rendering)."""

import io

from django.utils import timezone
from gongkai_site.spreadsheets import neutralise
from openpyxl import Workbook
from openpyxl.styles import Font

from letters.pdf import render_pdf
from organisation.models import Agency

from .models import IndicatorScore


def consequences(result):
    done = []
    if result.commended:
        done.append("通报表扬")
    if result.criticised:
        done.append("通报批评")
    if result.award_eligibility_lost:
        done.append("取消年终评优资格")
    if result.head_talk_on:
        done.append(f"{result.head_talk_on:%Y年%m月%d日}约谈负责人")
    if result.consequence_note:
        done.append(result.consequence_note)
    return "；".join(done)


def result_rows(scheme):
    """One row per section: its result, its scores in the scheme's indicator order, its consequences."""
    indicators = list(scheme.indicators.all())
    results = scheme.results.select_related("department").order_by("department__sort_order", "department__pk")
    scores = {
        (score.result_id, score.indicator_id): score
        for score in IndicatorScore.objects.filter(result__scheme=scheme).select_related("indicator")
    }
    return indicators, [
        {
            "result": result,
            "scores": [
                scores.get((result.pk, indicator.pk)) or IndicatorScore(indicator=indicator)
                for indicator in indicators
            ],
            "consequences": consequences(result),
        }
        for result in results
    ]


def append(sheet, values):
    sheet.append([neutralise(value) for value in values])


def results_xlsx(scheme):
    indicators, rows = result_rows(scheme)
    book = Workbook()
    sheet = book.active
    sheet.title = "考核结果"
    append(sheet, ["科室、中心", *(f"{i.name}（{i.weight}）" for i in indicators), "总分", "等次", "奖惩"])
    for row in rows:
        result = row["result"]
        append(
            sheet,
            [
                result.department.name,
                *(None if s.score is None else float(s.score) for s in row["scores"]),
                float(result.total),
                result.get_grade_display() or "待评定",
                row["consequences"],
            ],
        )
    basis = book.create_sheet("评分依据")
    append(basis, ["科室、中心", "考核内容", "指标", "评分方式", "分值", "得分", "依据"])
    for row in rows:
        for score in row["scores"]:
            indicator = score.indicator
            append(
                basis,
                [
                    row["result"].department.name,
                    indicator.get_heading_display(),
                    indicator.name,
                    indicator.get_measure_display(),
                    float(indicator.weight),
                    None if score.score is None else float(score.score),
                    score.basis,
                ],
            )
    for worksheet in book.worksheets:
        for cell in worksheet[1]:
            cell.font = Font(bold=True)

    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def results_pdf(scheme):
    indicators, rows = result_rows(scheme)
    return render_pdf(
        "accountability/assessment_results.html",
        {
            "agency": Agency.current(),
            "issued_date": timezone.localdate(),
            "title": f"{scheme.year}年度政府信息与政务公开工作考核结果",
            "scheme": scheme,
            "indicators": indicators,
            "rows": rows,
        },
    )
