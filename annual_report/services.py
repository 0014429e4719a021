"""What the admin, the flow, the public pages and the command do with a report."""

import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.trail import record
from letters.pdf import render_pdf
from organisation.models import Agency

from . import statistics, tables
from .checks import Problem, statistics_problems
from .models import AnnualReport, AnnualReportProcess, ProactiveFigure, ReportPolicy

Decision, Status = AnnualReportProcess.Decision, AnnualReport.Status

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
NARRATIVE_FIELDS = ("overview", "problems", "other_matters")


def report_for(year, user=None):
    """The report of `year`, created as a draft with the conventional opening if there is none yet."""
    report, created = AnnualReport.objects.get_or_create(
        year=year, defaults={"created_by": user, "overview": DEFAULT_OVERVIEW}
    )
    return report


DEFAULT_OVERVIEW = (
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{年度}年1月1日至12月31日。"
    "本年度主动公开政府信息{主动公开信息数}条；收到政府信息公开申请{本年新收申请数}件，上年结转{上年结转申请数}件，"
    "办结{本年办结申请数}件，结转下年度{结转下年度申请数}件；发生政府信息公开行政复议{行政复议数}件、"
    "行政诉讼{行政诉讼数}件。"
)


# -- the steps: each recorded on the report's audit trail --------------------------------------------


def record_step(report, step_label, user, decision="", text="", step=""):
    """One line of the report's handling record; `decision` is a Decision or a label of its own."""
    label = Decision(decision).label if decision in Decision.values else decision
    code = decision if decision in Decision.values else ""
    return record(report, step_label, user=user, step=step, decision=code, decision_label=label, text=text)


def record_task(process, step, user, decision="", text=""):
    """Record a flow step (`step` is the flow node) on the report of `process`."""
    return record_step(process.report, str(step.task_title), user, decision, text, step=step.name)


def open_report(process, report, user):
    """开始编写: the report's process begins, by 综合科."""
    process.report = report
    process.save()
    record_step(report, "开始编写", user, step="start")
    return process


@transaction.atomic
def save_draft(report, entered_figures, user):
    """综合科 saves the narrative and table 二's figures of a report still in draft."""
    report.save()
    save_entered_figures(report.year, entered_figures, user)
    record_step(report, "保存草稿", user, step="save_draft")
    return report


def advance(process, step, user, status, decision, text="", **report_fields):
    """Move the report to `status`, remember the decision for the flow's routing, and record the step."""
    report = process.report
    for name, value in report_fields.items():
        setattr(report, name, value)
    report.status = status
    report.save(update_fields=["status", "updated_at", *report_fields])
    process.last_decision = decision if decision in Decision.values else ""
    process.save(update_fields=["last_decision"])
    record_task(process, step, user, decision, text)


def submit_for_approval(process, step, user, note=""):
    """综合科 submits the draft: the figures are fixed for the approvers."""
    fix_figures(process.report)
    advance(process, step, user, Status.IN_APPROVAL, Decision.SUBMIT, note)


def decide_approval(process, step, user, decision, opinion=""):
    """政务公开领导小组 approves the report, or returns it to 综合科 (the figures are then released)."""
    if decision == Decision.RETURN:
        release_figures(process.report)
    status = Status.DRAFT if decision == Decision.RETURN else Status.APPROVED
    advance(process, step, user, status, decision, opinion)


def record_submission(process, step, user, submitted_on, reference):
    """综合科 records that the approved report went to the prefecture's disclosure authority."""
    advance(
        process,
        step,
        user,
        Status.SUBMITTED,
        "已报送",
        f"{submitted_on:%Y-%m-%d} {reference}",
        submitted_on=submitted_on,
        submission_reference=reference,
    )


def confirm_publication(process, step, user):
    record_task(process, step, user, "公布", "在门户网站公布年度报告")


def acknowledge_reminder(process, step, user, how):
    record_task(process, step, user, "期限提醒", how)


# -- figures ---------------------------------------------------------------------------------------


def live_figures(year):
    return {**statistics.compute(year), "facts": statistics.facts(year)}


def figures_of(report):
    """The figures fixed when the report was submitted for approval, or else those of today's records."""
    return report.figures or live_figures(report.year)


def official_figures(figures):
    """Only the official tables: the shape `annual_report YEAR --json` prints."""
    return {name: figures[name] for name in ("year", "format", "table2", "table3", "table4")}


def previous_figures(year):
    previous = AnnualReport.objects.filter(year=year - 1, figures__isnull=False).first()
    return previous.figures if previous else None


def save_entered_figures(year, values, user):
    """Store the office-entered figures of table 二, each marked with who entered it."""
    for key, value in values.items():
        figure = ProactiveFigure.objects.filter(year=year, key=key).first()
        if value is None:
            if figure:
                figure.delete()
        elif figure is None or figure.value != value:
            ProactiveFigure.objects.update_or_create(
                year=year, key=key, defaults={"value": value, "entered_by": user}
            )


# -- the narrative ---------------------------------------------------------------------------------


def placeholder_values(figures):
    rows, facts = figures["table3"]["rows"], figures["facts"]
    cases = figures["table4"]["values"]
    width = len(tables.OUTCOMES)
    return {
        "年度": figures["year"],
        "主动公开信息数": facts["published_items"],
        "本年新收申请数": rows[tables.RECEIVED][-1],
        "上年结转申请数": rows[tables.CARRIED_IN][-1],
        "本年办结申请数": rows[tables.TOTAL][-1],
        "结转下年度申请数": rows[tables.CARRIED_OUT][-1],
        "予以公开数": rows[tables.RESULT_ROW_BY_LABEL["予以公开"].key(figures["format"])][-1],
        "部分公开数": rows[tables.RESULT_ROW_BY_LABEL["部分公开"].key(figures["format"])][-1],
        "行政复议数": cases[width - 1],
        "行政诉讼数": cases[2 * width - 1] + cases[3 * width - 1],
        "收费金额": facts["fees"],
        "减免申请数": facts["waiver_requests"],
    }


PLACEHOLDER_NAMES = "、".join(
    f"{{{name}}}"
    for name in (
        "年度",
        "主动公开信息数",
        "本年新收申请数",
        "上年结转申请数",
        "本年办结申请数",
        "结转下年度申请数",
        "予以公开数",
        "部分公开数",
        "行政复议数",
        "行政诉讼数",
        "收费金额",
        "减免申请数",
    )
)


def unknown_placeholders(text, values):
    return [name for name in PLACEHOLDER.findall(text) if name not in values]


def fill(text, values):
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


def paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def fee_paragraph(figures):
    facts = figures["facts"]
    return (
        f"本年度依申请提供政府信息共收取费用{facts['fees']}元；收到减免费用申请{facts['waiver_requests']}件，"
        f"同意减免{facts['waivers_granted']}件。"
    )


def document(report):
    """Everything the report's page and PDF show: the six sections, narrative filled, tables in place."""
    figures = figures_of(report)
    values = placeholder_values(figures)
    narrative = {
        name: [fill(p, values) for p in paragraphs(getattr(report, name))] for name in NARRATIVE_FIELDS
    }
    return {
        "report": report,
        "title": report.title,
        "agency": Agency.current(),
        "figures": figures,
        "sections": tables.SECTIONS,
        "overview": narrative["overview"],
        "problems": narrative["problems"],
        "other_matters": [fee_paragraph(figures), *narrative["other_matters"]],
        "table2": table2_layout(figures),
        "table3": table3_layout(figures),
        "table4": figures["table4"]["values"],
    }


def table2_layout(figures):
    return [
        {"caption": caption, "columns": block["columns"], "rows": list(block["rows"].items())}
        for caption, block in figures["table2"].items()
    ]


def table3_layout(figures):
    """Table 三 as rows of label cells (with their spans) and values, like the official template."""
    report_format, rows = figures["format"], figures["table3"]["rows"]
    result_count = len(tables.result_keys(report_format)) + 1
    layout = [
        {"cells": [{"text": tables.RECEIVED, "colspan": 3}], "values": rows[tables.RECEIVED]},
        {"cells": [{"text": tables.CARRIED_IN, "colspan": 3}], "values": rows[tables.CARRIED_IN]},
    ]
    first = True
    for group in tables.RESULT_GROUPS:
        heading = [{"text": tables.RESULTS_HEADING, "rowspan": result_count}] if first else []
        first = False
        if not group.items or (group.only_2021_items and report_format == tables.FORMAT_2019):
            layout.append(
                {"cells": [*heading, {"text": group.label, "colspan": 2}], "values": rows[group.label]}
            )
            continue
        for number, item in enumerate(group.items, start=1):
            group_cell = [{"text": group.label, "rowspan": len(group.items)}] if number == 1 else []
            layout.append(
                {
                    "cells": [*heading, *group_cell, {"text": f"{number}.{item}"}],
                    "values": rows[f"{group.label}/{number}.{item}"],
                }
            )
            heading = []
    layout.append({"cells": [{"text": tables.TOTAL, "colspan": 2}], "values": rows[tables.TOTAL]})
    layout.append({"cells": [{"text": tables.CARRIED_OUT, "colspan": 3}], "values": rows[tables.CARRIED_OUT]})
    return layout


# -- checks ----------------------------------------------------------------------------------------


def problems(report):
    """Everything that stops the report from being submitted, in plain Chinese."""
    figures = figures_of(report)
    found = statistics_problems(figures, previous_figures(report.year), with_records=report.figures is None)
    values = placeholder_values(figures)
    for name in NARRATIVE_FIELDS:
        label = AnnualReport._meta.get_field(name).verbose_name
        text = getattr(report, name)
        if not text.strip():
            found.append(Problem("正文", f"“{label}”尚未填写"))
        for unknown in unknown_placeholders(text, values):
            found.append(
                Problem("正文", f"“{label}”中的占位符 {{{unknown}}} 无法识别，可用：{PLACEHOLDER_NAMES}")
            )
    return found


@transaction.atomic
def fix_figures(report):
    report.figures = live_figures(report.year)
    report.figures_fixed_at = timezone.now()
    report.save(update_fields=["figures", "figures_fixed_at", "updated_at"])


def release_figures(report):
    report.figures = None
    report.figures_fixed_at = None
    report.save(update_fields=["figures", "figures_fixed_at", "updated_at"])


# -- documents -------------------------------------------------------------------------------------


def report_pdf(report):
    return render_pdf("annual_report/report.html", document(report))


def publish(report):
    report.pdf.save(f"{report.year}-annual-report.pdf", ContentFile(report_pdf(report)), save=False)
    report.status = AnnualReport.Status.PUBLISHED
    report.published_on = report.published_on or timezone.localdate()
    report.save()


# -- deadlines -------------------------------------------------------------------------------------


def upcoming_deadlines(today):
    """The next submission and publication deadlines not yet met, as [(label, date)], soonest first."""
    policy = ReportPolicy.load()
    done = dict(AnnualReport.objects.values_list("year", "status"))
    Status = AnnualReport.Status
    submitted = {Status.SUBMITTED, Status.PUBLISHED}
    deadlines = []
    for verb, due, finished in (
        ("报送", policy.submit_by, submitted),
        ("公布", policy.publish_by, {Status.PUBLISHED}),
    ):
        year = today.year - 1 if due(today.year - 1) >= today else today.year
        if done.get(year) in finished:
            year += 1
        deadlines.append((f"{verb}{year}年政府信息公开工作年度报告", due(year)))
    return sorted(deadlines, key=lambda deadline: deadline[1])
