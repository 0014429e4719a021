"""The report's way from draft to the public (S5.1, S5.2, S1.6): 综合科 drafts in the admin, the checks
block a report that does not add up, the leading group approves or returns it, 综合科 records the
submission upward and publishes; the public page offers the PDF, whose text and fonts are checked."""

import datetime
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from annual_report import tables
from annual_report.models import AnnualReport
from audit.trail import entries
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.pdf import compact, pdf_text
from tests.support.people import user
from tests.support.workflow import open_task, perform
from tests.test_annual_report import expected_table3, field_key, scenario  # noqa: F401 (fixture)
from workflow import tasks

D = datetime.date
FIGURES = {"figure_0": "12", "figure_1": "3", "figure_2": "0", "figure_3": "1.5"}
NARRATIVE = {
    "overview": "本年度主动公开政府信息{主动公开信息数}条，收到申请{本年新收申请数}件。",
    "problems": "部分科室报送信息不够及时。下一步将加强培训。",
    "other_matters": "无其他需要报告的事项。",
}


@pytest.fixture
def staff(office_rows, site_structure, field_key):  # noqa: F811
    """The demo's sections and accounts in their roles."""


def do(report, step, username, **data):
    form = perform(open_task(report, step), username, data)
    report.refresh_from_db()
    return form


def start_and_write(client, year=2025):
    client.force_login(user("zonghe"))
    response = client.post("/admin/annual-reports/", {"year": year})
    assert response.status_code == 302, response.content.decode()[-2000:]
    report = AnnualReport.objects.get(year=year)
    response = client.post(f"/admin/annual-reports/{year}/", {**NARRATIVE, **FIGURES})
    assert response.status_code == 302, response.content.decode()[-3000:]
    report.refresh_from_db()
    return report


@pytest.mark.rule("S5.1", "S5.2", "S1.6")
def test_drafted_approved_submitted_published_with_the_pdf(client, staff, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    specs = scenario(2025)
    report = start_and_write(client)
    assert report.overview == NARRATIVE["overview"] and report.status == "draft"

    form = do(report, "draft", "zonghe", note="请审定")
    assert form.is_valid(), form.errors
    assert report.status == "in_approval" and report.figures["table3"]["rows"] == expected_table3(
        2025, "2021", specs
    )
    assert outcome(client.post("/admin/annual-reports/2025/", NARRATIVE)) == REFUSED_BY_ADMIN  # locked
    assert AnnualReport.objects.get(year=2025).overview == NARRATIVE["overview"]

    do(report, "leading_group_approval", "zhuren", decision="approve", opinion="同意报送")
    assert report.status == "approved"
    do(
        report,
        "submit_to_authority",
        "zonghe",
        submitted_on=timezone.localdate().isoformat(),
        reference="楚乡振报〔2026〕2号",
    )
    assert report.status == "submitted" and report.submission_reference == "楚乡振报〔2026〕2号"
    assert client.get("/annual-reports/2025/").status_code == 404  # not public before publication

    do(report, "publish", "zonghe", confirm="on")
    assert report.status == "published" and report.pdf
    steps = list(entries(report).values_list("data__step_label", "user__username"))
    assert [step for step, _ in steps] == [
        "开始编写",
        "保存草稿",
        "综合科编写年度报告并提交审定",
        "政务公开领导小组审定",
        "报送州政府信息公开主管部门",
        "在门户网站公布",
    ]

    client.logout()
    index = client.get("/annual-reports/").content.decode()
    assert "2025年政府信息公开工作年度报告" in index and "/annual-reports/2025/report.pdf" in index
    page = client.get("/annual-reports/2025/").content.decode()
    assert (
        'rowspan="22"' in page
        and 'colspan="7"' in page
        and "本年度主动公开政府信息0条，收到申请24件。" in page
    )
    response = client.get("/annual-reports/2025/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "published.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    check_pdf(path, report.figures)


def check_pdf(path, figures):
    """Every row label and each row's figures are in the PDF's text; its fonts are embedded CJK fonts."""
    text = compact(pdf_text(path, "-raw"))
    for heading in tables.SECTIONS:
        assert heading in text
    for key, values in figures["table3"]["rows"].items():
        label = key.split("/")[-1]
        assert label + "".join(map(str, values)) in text, label
        for part in key.split("/")[:-1]:
            assert part in text
    for block in figures["table2"].values():
        for label, values in block["rows"].items():
            assert label + "".join(str(value) for value in values if value is not None) in text
    assert "".join(map(str, figures["table4"]["values"])) in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("CJK" in row[0] for row in rows)
    assert all(row[-5] == "yes" for row in rows)  # emb


@pytest.mark.rule("S5.2")
def test_2019_format_pdf_from_the_command_line(staff, tmp_path):
    scenario(2020)
    path = tmp_path / "2020.pdf"
    call_command("annual_report", "2020", "--pdf", str(path), stderr=io.StringIO())
    out = io.StringIO()
    call_command("annual_report", "2020", "--json", stdout=out, stderr=io.StringIO())
    import json

    figures = json.loads(out.getvalue())
    assert "（六）其他处理" in figures["table3"]["rows"]
    check_pdf(path, figures)
    text = compact(pdf_text(path, "-raw"))
    assert "本年新制作数量" in text and "政府集中采购" in text
    assert "申请人逾期未按收费通知要求缴纳费用" not in text  # the 2021 sub-rows are not in the 2019 table


@pytest.mark.rule("S5.1")
def test_a_report_that_does_not_add_up_cannot_be_submitted(client, staff):
    scenario(2025)
    report = start_and_write(client)
    from tests.test_annual_report import make_request

    make_request(D(2025, 4, 1), D(2025, 4, 20), "", number="2025-00077")
    form = do(report, "draft", "zonghe")
    assert not form.is_valid()
    errors = form.non_field_errors()
    assert "申请 2025-00077 已于2025年4月20日答复，但办理结果“（空）”不是表三的统计项（R1）" in errors
    assert any(error.startswith("表三“自然人”列：一、本年新收") for error in errors)
    assert report.status == "draft" and report.figures is None
    page = client.get("/admin/annual-reports/2025/").content.decode()
    assert "以下问题须先解决，才能提交审定" in page and "2025-00077" in page


@pytest.mark.rule("S5.1")
def test_the_leading_group_returns_the_report_and_the_figures_are_released(client, staff):
    scenario(2025)
    report = start_and_write(client)
    assert do(report, "draft", "zonghe").is_valid()
    form = do(report, "leading_group_approval", "zhuren", decision="return")
    assert "opinion" in form.errors  # a return needs its reasons
    do(report, "leading_group_approval", "zhuren", decision="return", opinion="问题部分写得太笼统")
    assert report.status == "draft" and report.figures is None
    assert open_task(report, "draft")
    assert not user("xinxiyuan").has_perm("annual_report.approve_annual_report")
    assert user("zhuren").has_perm("annual_report.approve_annual_report")


@pytest.mark.rule("S5.1")
def test_a_reminder_reaches_the_general_office_before_the_submission_deadline(client, staff):
    report = start_and_write(client)
    timer = Task.objects.get(
        process__annualreportprocess__report=report, flow_task_type="TIMER", status=STATUS.SCHEDULED
    )
    assert timezone.localtime(timer.scheduled).date() == D(2026, 1, 13)  # 7 days before 20 January
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_due_timers()
    reminder = open_task(report, "remind_submission")
    assert reminder.flow_task.task_title == "提醒：年度报告报送期限临近"
    assert reminder in tasks.queue(user("zonghe"))
    do(report, "remind_submission", "zonghe", how="正在汇总数据，1月15日前提交审定")
    assert open_task(report, "draft")  # the draft is still waiting


@pytest.mark.rule("S5.2")
def test_a_second_editor_cannot_overwrite_a_newer_save(client, staff):
    report = start_and_write(client)
    page = client.get("/admin/annual-reports/2025/").content.decode()
    loaded = re.search(r'name="loaded_version" value="([^"]+)"', page).group(1)
    client.post(
        "/admin/annual-reports/2025/",
        {**NARRATIVE, **FIGURES, "problems": "甲的修改", "loaded_version": loaded},
    )
    stale = {**NARRATIVE, **FIGURES, "problems": "乙的修改", "loaded_version": loaded}
    response = client.post("/admin/annual-reports/2025/", stale)
    assert response.status_code == 200 and "他人已修改并保存了本报告" in response.content.decode()
    assert "乙的修改" in response.content.decode()  # what was typed is kept in the form
    report.refresh_from_db()
    assert report.problems == "甲的修改"
    assert 'name="figure_0" value="12"' in response.content.decode()


@pytest.mark.rule("S5.2")
def test_general_office_registers_a_case_in_the_register(client, staff):
    from annual_report.models import LegalCase
    from tests.test_annual_report import make_request

    request = make_request(D(2025, 3, 1), D(2025, 3, 20), "不予公开/属于国家秘密")
    client.force_login(user("zonghe"))
    url = "/admin/snippets/annual_report/legalcase/add/"
    assert client.get(url).status_code == 200
    data = {
        "request": request.pk,
        "kind": "reconsideration",
        "body": "楚雄州人民政府",
        "filed_on": "2025-05-06",
    }
    response = client.post(url, {**data, "outcome": "upheld"})
    assert response.status_code == 200 and "已有结果的，请填写审结日期。" in response.content.decode()
    response = client.post(url, {**data, "outcome": "upheld", "concluded_on": "2025-07-01"})
    assert response.status_code == 302
    assert LegalCase.objects.get().entered_by == user("zonghe")
    client.force_login(user("xinxiyuan"))
    assert outcome(client.get(url)) == REFUSED_BY_ADMIN


@pytest.mark.rule("S5.1")
def test_the_inbox_row_of_a_report_opens_the_report(client, staff):
    report = start_and_write(client)
    do(report, "draft", "zonghe", note="请审定")
    client.force_login(user("zhuren"))
    inbox = client.get("/admin/inbox/").content.decode()
    url = f"/admin/annual-reports/{report.year}/"
    assert "2025年度报告" in inbox and f'href="{url}"' in inbox
    assert "2025" in client.get(url).content.decode()
