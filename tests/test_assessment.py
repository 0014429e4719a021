"""The yearly assessment of the sections (rule 7).

SPEC S7.1–S7.3 (the leading group assesses each section yearly), S7.4 (the five headings), S7.5 (a
quantified scheme set per year), S7.6 (the four grades and their consequences).
"""

import io
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from accountability import assessment
from accountability.models import (
    AccountabilityCase,
    AssessmentResult,
    AssessmentScheme,
    Breach,
    Complaint,
    Grade,
    Heading,
    Indicator,
)
from tests.support.accountability_records import D, person, request, review, section, use_field_key
from tests.support.admin import REFUSED_BY_ADMIN, outcome

Measure = Indicator.Measure
YEAR_END = D(2026, 12, 31)


@pytest.fixture
def scenario(site_structure, settings):
    """Three sections with known records for 2026 and a scheme of five measured indicators and one manual."""
    use_field_key(settings)
    catalogue = site_structure["catalogue"]
    person("xinxiyuan", "李")
    projects, finance, support = section("项目管理科"), section("规划财务科"), section("社会帮扶科")

    # 项目管理科: 3 of 4 items on time, 2 requests on time (one extended), a complaint handled, one case.
    for day in (2, 3, 4):
        review(catalogue, projects, D(2026, 3, day), published_on=D(2026, 3, 10))
    review(catalogue, projects, D(2026, 3, 5), published_on=D(2026, 6, 1))
    request(projects, received=D(2026, 4, 1), due=D(2026, 4, 22), answered_on=D(2026, 4, 20), extended=True)
    request(projects, received=D(2026, 4, 1), due=D(2026, 4, 22), answered_on=D(2026, 4, 21))
    Complaint.objects.create(
        received_on=D(2026, 5, 6),
        subject="公示不全",
        department=projects,
        handled_on=D(2026, 5, 8),
        result="已补充",
    )
    AccountabilityCase.objects.create(
        breach=Breach.UNTRUE_CONTENT, facts="数字有误", found_on=D(2026, 7, 1), department=projects
    )

    # 社会帮扶科: every item late, a request unanswered past its limit, a complaint left, three cases.
    review(catalogue, support, D(2026, 3, 2), published_on=D(2026, 7, 1))
    review(catalogue, support, D(2026, 9, 1))
    request(support, received=D(2026, 5, 11), due=D(2026, 6, 1))
    Complaint.objects.create(received_on=D(2026, 6, 1), subject="无人答复", department=support)
    for month in (3, 4, 5):
        AccountabilityCase.objects.create(
            breach=Breach.LATE_DISCLOSURE, facts="超期", found_on=D(2026, month, 1), department=support
        )

    scheme = AssessmentScheme.objects.create(
        year=2026, title="2026年度政务公开考核办法", deadline=D(2027, 1, 15)
    )
    for order, (heading, name, weight, measure) in enumerate(
        [
            (Heading.DUTIES, "工作职责等信息按时公开", 30, Measure.ITEMS_ON_TIME),
            (Heading.SERVICES, "依申请公开按时答复", 20, Measure.REQUESTS_ON_TIME),
            (Heading.PROMISES, "服务承诺：不延期答复", 10, Measure.NO_EXTENSION),
            (Heading.COMPLAINTS, "群众投诉按期办结", 10, Measure.COMPLAINTS_HANDLED),
            (Heading.DECISIONS, "未发生责任追究", 10, Measure.CASES),
            (Heading.DECISIONS, "重大决策和重要事项公开", 20, Measure.MANUAL),
        ]
    ):
        Indicator.objects.create(
            scheme=scheme,
            heading=heading,
            name=name,
            weight=weight,
            measure=measure,
            deduction_per_case=5,
            sort_order=order,
        )
    return {"scheme": scheme, "projects": projects, "finance": finance, "support": support}


def leading_group_member():
    user = person("zhuren", "杨")
    user.groups.add(Group.objects.get(name="政务公开领导小组"))
    return user


def scores_of(result):
    return [score.score for score in result.scores.order_by("indicator__sort_order")]


def score_manual(client, result, score, note):
    manual = result.scheme.indicators.get(measure=Measure.MANUAL)
    return client.post(
        f"/admin/accountability/assessment/score/{result.pk}/",
        {f"score_{manual.pk}": score, f"note_{manual.pk}": note, "head_talk_on": "", "consequence_note": ""},
    )


def computed_projects_result(client, scenario):
    """The year computed, and the leading group logged in to score 项目管理科 by hand."""
    assessment.compute(scenario["scheme"], today=YEAR_END)
    client.force_login(leading_group_member())
    return AssessmentResult.objects.get(scheme=scenario["scheme"], department=scenario["projects"])


@pytest.mark.rule("S7.1", "S7.2", "S7.3", "S7.4", "S7.5", "S7.6")
def test_measured_indicators_scores_and_grades_for_a_known_year(client, scenario):
    scheme = scenario["scheme"]
    assessment.compute(scheme, today=YEAR_END)
    projects = AssessmentResult.objects.get(scheme=scheme, department=scenario["projects"])
    finance = AssessmentResult.objects.get(scheme=scheme, department=scenario["finance"])
    support = AssessmentResult.objects.get(scheme=scheme, department=scenario["support"])

    assert scores_of(projects) == [Decimal("22.5"), 20, 5, 10, 5, None]
    assert scores_of(finance) == [30, 20, 10, 10, 10, None]
    assert scores_of(support) == [0, 0, 10, 0, 0, None]
    assert projects.grade == "" and projects.total == Decimal("62.5")  # not graded before the manual score
    assert (
        "按时发布的信息 3/4（75.0%）" in projects.scores.get(indicator__measure=Measure.ITEMS_ON_TIME).basis
    )
    assert "无按时发布的信息，按满分计" in finance.scores.get(indicator__measure=Measure.ITEMS_ON_TIME).basis

    client.force_login(leading_group_member())
    for result, score in ((projects, "18"), (finance, "15"), (support, "5")):
        assert score_manual(client, result, score, "按年度检查记录评分").status_code == 302
    for result in (projects, finance, support):
        result.refresh_from_db()
    assert (projects.total, projects.get_grade_display()) == (Decimal("80.5"), "合格")
    assert (finance.total, finance.get_grade_display()) == (Decimal("95.0"), "优秀") and finance.commended
    assert (support.total, support.grade) == (Decimal("15.0"), Grade.UNQUALIFIED)
    assert support.criticised and support.award_eligibility_lost and not support.commended

    assessment.compute(scheme, today=YEAR_END)  # recomputing keeps the leading group's scores
    support.refresh_from_db()
    assert support.total == Decimal("15.0") and scores_of(support)[-1] == 5


@pytest.mark.rule("S7.5")
def test_manual_scores_need_a_note_and_stay_within_the_weight(client, scenario):
    result = computed_projects_result(client, scenario)
    assert "请说明评分理由" in score_manual(client, result, "10", " ").content.decode()
    too_high = score_manual(client, result, "25", "满分以上")
    assert too_high.status_code == 200 and "25" in too_high.content.decode()
    assert scores_of(result)[-1] is None


@pytest.mark.rule("S7.5")
def test_the_leading_group_sets_the_scheme_in_the_admin_and_the_thresholds_must_descend(
    client, site_structure
):
    client.force_login(leading_group_member())
    data = {
        "year": "2027",
        "title": "2027年度政务公开考核办法",
        "excellent_from": "90",
        "qualified_from": "75",
        "basic_from": "60",
        "deadline": "2028-01-15",
        "finalised_on": "",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "1",
        "indicators-MAX_NUM_FORMS": "1000",
    }
    for index, (heading, name, weight, measure) in enumerate(
        [("duties", "权责清单公开", "60", "items_on_time"), ("complaints", "投诉处理", "40", "manual")]
    ):
        data |= {
            f"indicators-{index}-heading": heading,
            f"indicators-{index}-name": name,
            f"indicators-{index}-weight": weight,
            f"indicators-{index}-measure": measure,
            f"indicators-{index}-deduction_per_case": "2",
            f"indicators-{index}-ORDER": str(index + 1),
        }
    url = "/admin/snippets/accountability/assessmentscheme/add/"
    wrong = client.post(url, {**data, "qualified_from": "95"})
    assert "分数线应为：优秀 &gt; 合格 &gt; 基本合格" in wrong.content.decode()
    assert client.post(url, data).status_code == 302
    scheme = AssessmentScheme.objects.get(year=2027)
    assert [(i.name, i.weight) for i in scheme.indicators.all()] == [("权责清单公开", 60), ("投诉处理", 40)]


@pytest.mark.rule("S7.6")
def test_results_export_as_xlsx_and_pdf_and_only_staff_with_the_right_see_them(client, scenario):
    scheme = scenario["scheme"]
    assessment.compute(scheme, today=YEAR_END)
    for department, score in ((scenario["projects"], 18), (scenario["support"], 5)):
        result = AssessmentResult.objects.get(scheme=scheme, department=department)
        manual = scheme.indicators.get(measure=Measure.MANUAL)
        assessment.score_by_hand(result, manual, Decimal(score), "按年度检查记录评分", None)

    zonghe = person("zonghe", "赵")
    zonghe.groups.add(Group.objects.get(name="综合科"))
    client.force_login(zonghe)
    page = client.get(f"/admin/accountability/assessment/{scheme.pk}/")
    assert page.status_code == 200 and "80.5" in page.text and "按系统记录计算" not in page.text

    book = load_workbook(
        io.BytesIO(client.get(f"/admin/accountability/assessment/{scheme.pk}/results.xlsx").content)
    )
    rows = {row[0]: row for row in book["考核结果"].iter_rows(min_row=2, values_only=True)}
    assert rows["项目管理科"][1:9] == (22.5, 20, 5, 10, 5, 18, 80.5, "合格")
    assert rows["社会帮扶科"][7:9] == (15, "不合格") and "取消年终评优资格" in rows["社会帮扶科"][9]
    assert rows["规划财务科"][8] == "待评定"
    basis = [row for row in book["评分依据"].iter_rows(min_row=2, values_only=True) if row[0] == "项目管理科"]
    assert ("按时发布的信息 3/4（75.0%）" in basis[0][6]) and basis[-1][6] == "按年度检查记录评分"

    pdf = client.get(f"/admin/accountability/assessment/{scheme.pk}/results.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    text = "".join(text.split())  # table cells wrap
    for expected in (
        "2026年度政府信息与政务公开工作考核结果",
        "项目管理科",
        "80.5",
        "不合格",
        "取消年终评优资格",
        "3/4",
    ):
        assert expected in text, expected

    officer = person("xinxiyuan2", "李")
    officer.groups.add(Group.objects.get(name="信息员"))
    client.force_login(officer)
    assert (
        outcome(client.get(f"/admin/accountability/assessment/{scheme.pk}/results.xlsx")) == REFUSED_BY_ADMIN
    )
    client.force_login(zonghe)
    assert outcome(client.post(f"/admin/accountability/assessment/{scheme.pk}/")) == REFUSED_BY_ADMIN
    assert AssessmentResult.objects.get(scheme=scheme, department=scenario["projects"]).total == Decimal(
        "80.5"
    )


@pytest.mark.rule("S7.5")
def test_every_change_of_a_manual_score_is_in_the_audit_trail(client, scenario):
    """Who scored, when, the score before and after and why: on the score page and in the site history."""
    result = computed_projects_result(client, scenario)
    assert score_manual(client, result, "18", "按年度检查记录评分").status_code == 302
    assert score_manual(client, result, "18", "按年度检查记录评分").status_code == 302  # unchanged
    assert score_manual(client, result, "12", "复核后扣分：两次未按时报送").status_code == 302

    page = client.get(f"/admin/accountability/assessment/score/{result.pk}/").content.decode()
    manual = result.scheme.indicators.get(measure=Measure.MANUAL).name
    assert page.count(manual + "：") == 2
    assert f"{manual}：未评分 → 18.0（按年度检查记录评分）" in page
    assert f"{manual}：18.0 → 12.0（复核后扣分：两次未按时报送）" in page
    assert page.index("18.0 → 12.0") < page.index("未评分 → 18.0")  # newest first
    client.force_login(get_user_model().objects.create_superuser("auditor", "auditor@example.cn", "x"))
    site_history = client.get("/admin/reports/site-history/", {"action": "gongkai.step"})
    assert "考核评分" in site_history.content.decode() and "18.0 → 12.0" in site_history.content.decode()
