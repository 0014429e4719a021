"""The annual report's figures from the records (S5.1, S5.2, S1.6, S2.10): every cell of tables 二, 三
and 四 in a scenario of known counts, in both formats, and every consistency rule."""

import copy
import datetime
import io
import json
from collections import Counter

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.utils import timezone

from annual_report import services, statistics, tables
from annual_report.checks import statistics_problems, table3_problems, table4_problems
from annual_report.models import AnnualReport, LegalCase, ProactiveFigure
from disclosure_requests.flow_forms import REFUSAL_ROWS, AnswerForm
from disclosure_requests.importing import RESULTS
from disclosure_requests.models import DisclosureRequest
from disclosure_requests.services.answer import REPORT_ROW_OF_KIND
from workdays.calendar import clear_cache

D = datetime.date
COLUMNS = tables.APPLICANT_COLUMNS[:-1]
KIND_OF_COLUMN = {label: value for value, label in DisclosureRequest.OrganisationKind.choices}


@pytest.fixture(autouse=True)
def field_key(settings, site_structure):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield
    clear_cache()


def make_request(received, answered=None, row="", column="自然人", number=None):
    make_request.counter = getattr(make_request, "counter", 0) + 1
    citizen = column == "自然人"
    return DisclosureRequest.objects.create(
        tracking_number=number or f"T-{make_request.counter:05d}",
        applicant_type="citizen" if citizen else "organisation",
        organisation_kind="" if citizen else KIND_OF_COLUMN[column],
        name="张三" if citizen else "某某单位",
        id_type="resident_id" if citizen else "credit_code",
        phone="13800000000",
        description="扶贫项目资金分配表",
        carrier="paper",
        delivery="post",
        channel="in_person",
        submitted_at=timezone.make_aware(datetime.datetime.combine(received, datetime.time(10))),
        received_date=received,
        answered_on=answered,
        report_row=row if answered else "",
        status="archived" if answered else "in_progress",
    )


def scenario(year):
    """Requests around `year`, each with where it must be counted: (received, answered, row, column)."""
    specs = [
        # one of each result row, received and answered in the year, applicants in turn
        *[
            (D(year, 2, 1 + index), D(year, 3, 1 + index), row, COLUMNS[index % len(COLUMNS)])
            for index, row in enumerate(tables.RESULT_ROWS)
        ],
        # received the year before, answered in the year: 上年结转 and a result
        (D(year - 1, 12, 20), D(year, 1, 10), "予以公开", "自然人"),
        (D(year - 1, 12, 28), D(year, 1, 15), "不予公开/属于国家秘密", "商业企业"),
        # received two years before, still open: 上年结转 and 结转下年度
        (D(year - 2, 6, 1), None, "", "法律服务机构"),
        # received in the year, answered next year or not at all: 结转下年度
        (D(year, 11, 20), D(year + 1, 1, 8), "部分公开", "社会公益组织"),
        (D(year, 12, 30), None, "", "科研机构"),
        (D(year, 12, 31), None, "", "自然人"),
        # answered the year before, received the year after: not in the year's report at all
        (D(year - 1, 3, 1), D(year - 1, 3, 20), "予以公开", "自然人"),
        (D(year + 1, 1, 5), None, "", "自然人"),
    ]
    for received, answered, row, column in specs:
        make_request(received, answered, row, column)
    return specs


def expected_table3(year, report_format, specs):
    start, end = D(year, 1, 1), D(year, 12, 31)
    cells = Counter()
    for received, answered, row, column in specs:
        if start <= received <= end:
            cells[tables.RECEIVED, column] += 1
        if received < start and (answered is None or answered >= start):
            cells[tables.CARRIED_IN, column] += 1
        if answered and start <= answered <= end:
            cells[tables.RESULT_ROW_BY_LABEL[row].key(report_format), column] += 1
            cells[tables.TOTAL, column] += 1
        if received <= end and (answered is None or answered > end):
            cells[tables.CARRIED_OUT, column] += 1
    rows = {}
    for row in tables.table3_rows(report_format):
        values = [cells[row, column] for column in COLUMNS]
        rows[row] = [*values, sum(values)]
    return rows


@pytest.mark.rule("S5.2", "S2.10")
def test_table3_2021_format_every_cell_from_the_records():
    specs = scenario(2025)
    table = statistics.compute(2025)["table3"]
    assert table["columns"] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert list(table["rows"]) == tables.table3_rows("2021") and len(table["rows"]) == 25
    assert table["rows"] == expected_table3(2025, "2021", specs)
    rows = table["rows"]
    # the totals, counted by hand from the scenario
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 24
    assert rows["二、上年结转政府信息公开申请数量"] == [1, 1, 0, 0, 1, 0, 3]
    assert rows["（七）总计"][-1] == 23
    assert rows["四、结转下年度继续办理"] == [1, 0, 1, 1, 1, 0, 4]
    assert rows["（一）予以公开"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["（三）不予公开/1.属于国家秘密"] == [0, 1, 1, 0, 0, 0, 2]
    assert rows["（六）其他处理/3.其他"][-1] == 1
    assert table3_problems(table, "2021") == []


@pytest.mark.rule("S5.2")
def test_table3_2019_format_has_one_row_for_other_handling():
    specs = scenario(2020)
    figures = statistics.compute(2020)
    assert figures["format"] == "2019"
    rows = figures["table3"]["rows"]
    assert len(rows) == 23 and "（六）其他处理" in rows
    assert not any(row.startswith("（六）其他处理/") for row in rows)
    assert rows == expected_table3(2020, "2019", specs)
    assert rows["（六）其他处理"][-1] == 3
    assert table3_problems(figures["table3"], "2019") == []


def test_the_refusal_choices_are_the_refusal_rows_of_table_three_as_staff_read_them():
    refusals = [row for row in tables.RESULT_ROWS if row.startswith("不予公开/")]
    assert [row for row, _ in REFUSAL_ROWS] == refusals and len(refusals) == 8
    shown = dict(AnswerForm.base_fields["refusal_row"].choices)
    assert shown["不予公开/属于国家秘密"] == "属于国家秘密"
    assert shown["不予公开/保护第三方合法权益"] == "保护第三方合法权益（商业秘密、个人隐私）"


def test_every_result_a_request_can_record_is_a_row_of_table_three():
    recorded = {row for row, _ in REFUSAL_ROWS} | set(REPORT_ROW_OF_KIND.values())
    assert recorded <= set(tables.RESULT_ROWS)
    assert set(RESULTS) == set(tables.RESULT_ROWS)  # the register import accepts exactly these
    assert len(tables.RESULT_ROWS) == 21
    assert tables.result_keys("2021")[2] == "（三）不予公开/1.属于国家秘密"
    assert (
        tables.RESULT_ROW_BY_LABEL["不予公开/危及“三安全一稳定”"].key_2021
        == "（三）不予公开/3.危及“三安全一稳定”"
    )


@pytest.fixture
def documents(make_item):
    def item(title, kind, written, validity="in_force", invalid_from=None, published=None):
        return make_item(
            title=title,
            document_kind=kind,
            written=written,
            formed=written,
            published=published or written + datetime.timedelta(days=3),
            validity=validity,
            invalid_from=invalid_from,
        )

    item("规章甲", "rule", D(2025, 3, 1))
    item("规章乙（下年制发）", "rule", D(2026, 1, 5))
    item("规范性文件甲（上年制发，本年废止）", "normative", D(2024, 5, 1), "repealed", D(2025, 6, 1))
    item("规范性文件乙", "normative", D(2025, 7, 1))
    item("规范性文件丙（前年废止）", "normative", D(2023, 5, 1), "repealed", D(2024, 2, 1))
    item("规范性文件丁（12月制发，次年1月公开）", "normative", D(2025, 12, 29), published=D(2026, 1, 4))
    item("工作动态", "other", D(2025, 4, 1))
    item("规章丙（2020年制发，2022年废止）", "rule", D(2020, 5, 1), "repealed", D(2022, 1, 1))
    item("规范性文件戊（2020年底制发，次年公开）", "normative", D(2020, 12, 28), published=D(2021, 1, 4))


@pytest.mark.rule("S5.2", "S1.6")
def test_table2_counts_rules_and_normative_documents_from_the_catalogue(documents):
    block = statistics.compute(2025)["table2"]["第二十条第（一）项"]
    assert block["columns"] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert block["rows"] == {"规章": [1, 0, 1], "行政规范性文件": [2, 1, 3]}
    block_2019 = statistics.compute(2020)["table2"]["第二十条第（一）项"]
    assert block_2019["columns"] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert block_2019["rows"] == {"规章": [1, 1, 1], "规范性文件": [1, 0, 0]}


@pytest.mark.rule("S5.2")
def test_table2_office_figures_are_entered_with_who_entered_them(django_user_model):
    zonghe = django_user_model.objects.create_user("zonghe_t", password="x")
    figures = statistics.compute(2025)["table2"]
    assert figures["第二十条第（五）项"]["rows"] == {"行政许可": [None]}
    problems = [str(p) for p in statistics_problems(statistics.compute(2025))]
    assert "表二第二十条第（五）项“行政许可”的“本年处理决定数量”尚未填报（没有的填 0）（T2）" in problems
    services.save_entered_figures(
        2025,
        {
            "第二十条第（五）项/行政许可/本年处理决定数量": 12,
            "第二十条第（六）项/行政处罚/本年处理决定数量": 3,
            "第二十条第（六）项/行政强制/本年处理决定数量": 0,
            "第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）": 1.5,
        },
        zonghe,
    )
    figures = statistics.compute(2025)["table2"]
    assert figures["第二十条第（五）项"]["rows"] == {"行政许可": [12]}
    assert figures["第二十条第（六）项"]["rows"] == {"行政处罚": [3], "行政强制": [0]}
    assert figures["第二十条第（八）项"] == {
        "columns": ["本年收费金额（单位：万元）"],
        "rows": {"行政事业性收费": [1.5]},
    }
    assert ProactiveFigure.objects.get(key__contains="行政许可").entered_by == zonghe
    assert statistics_problems(statistics.compute(2025)) == []
    # the 2019 format asks for other cells: none of them is filled by the 2025 figures
    assert len(tables.entered_cells("2019")) == 16
    assert statistics.compute(2020)["table2"]["第二十条第（九）项"]["rows"] == {"政府集中采购": [None, None]}


@pytest.mark.rule("S5.2")
def test_table4_from_the_register_of_cases():
    request = make_request(D(2025, 1, 6), D(2025, 1, 20), "不予公开/属于国家秘密")
    Kind, Outcome = LegalCase.Kind, LegalCase.Outcome
    for kind, filed, outcome, concluded in [
        (Kind.RECONSIDERATION, D(2025, 3, 1), Outcome.UPHELD, D(2025, 5, 1)),
        (Kind.RECONSIDERATION, D(2025, 4, 1), Outcome.CORRECTED, D(2026, 2, 1)),  # pending on 31 December
        (Kind.LAWSUIT_DIRECT, D(2025, 6, 1), Outcome.OTHER, D(2025, 9, 1)),
        (Kind.LAWSUIT_AFTER_RECONSIDERATION, D(2025, 8, 1), Outcome.PENDING, None),
        (Kind.LAWSUIT_DIRECT, D(2024, 8, 1), Outcome.UPHELD, D(2024, 9, 1)),  # last year's
    ]:
        LegalCase.objects.create(
            request=request,
            kind=kind,
            body="楚雄州人民政府",
            filed_on=filed,
            outcome=outcome,
            concluded_on=concluded,
        )
    table = statistics.compute(2025)["table4"]
    assert table["columns"][0] == "行政复议/结果维持" and table["columns"][-1] == "行政诉讼/复议后起诉/总计"
    assert len(table["columns"]) == 15
    assert table["values"] == [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]
    assert table4_problems(table) == []


# -- the consistency rules --------------------------------------------------------------------------


@pytest.fixture
def clean_table3():
    scenario(2025)
    table = statistics.compute(2025)["table3"]
    return lambda: copy.deepcopy(table)


@pytest.mark.rule("S5.1")
def test_each_rule_is_named_when_it_fails(clean_table3):
    table = clean_table3()
    natural = table["rows"][tables.RECEIVED][0]
    table["rows"][tables.CARRIED_OUT][0] += 1  # R1 in 自然人 and R3 in that row
    problems = table3_problems(table, "2021")
    assert {(p.rule, p.message.split("：")[0]) for p in problems} == {
        ("R1", "表三“自然人”列"),
        ("R3", "表三“四、结转下年度继续办理”行"),
    }
    assert f"一、本年新收（{natural}）" in problems[0].message

    table = clean_table3()
    table["rows"]["（一）予以公开"][1] += 1
    table["rows"]["（一）予以公开"][-1] += 1
    rules = {(p.rule, p.message.split("：")[0]) for p in table3_problems(table, "2021")}
    assert rules == {("R2", "表三“商业企业”列"), ("R2", "表三“总计”列")}

    previous = {"rows": {tables.CARRIED_OUT: [0, 1, 0, 0, 1, 0, 2]}}
    r4 = [p for p in table3_problems(clean_table3(), "2021", previous, 2024) if p.rule == "R4"]
    assert [p.message for p in r4] == [
        "表三“自然人”列：本年二、上年结转为 1，而2024年报告的四、结转下年度继续办理为 0，两者应当相等",
        "表三“总计”列：本年二、上年结转为 3，而2024年报告的四、结转下年度继续办理为 2，两者应当相等",
    ]

    broken = {"values": [1, 0, 0, 0, 2, *[0] * 10]}
    assert [str(p) for p in table4_problems(broken)] == [
        "表四“行政复议”：总计为 2，但维持、纠正、其他、尚未审结之和为 1（T4）"
    ]


@pytest.mark.rule("S5.1", "S2.10")
def test_a_request_answered_without_a_report_row_is_named_and_breaks_r1():
    scenario(2025)
    make_request(D(2025, 5, 6), D(2025, 5, 20), "随便写的结果", number="2025-00099")
    problems = statistics_problems(statistics.compute(2025))
    messages = [str(problem) for problem in problems]
    assert "申请 2025-00099 已于2025年5月20日答复，但办理结果“随便写的结果”不是表三的统计项（R1）" in messages
    assert any(problem.rule == "R1" and "“自然人”列" in problem.message for problem in problems)


@pytest.mark.rule("S5.1")
def test_last_years_carried_over_must_equal_this_years_carried_in():
    scenario(2025)
    last_year = AnnualReport.objects.create(year=2024, status="published")
    services.fix_figures(last_year)
    assert all(
        problem.rule != "R4" for problem in statistics_problems(statistics.compute(2025), last_year.figures)
    )
    make_request(D(2024, 10, 9), None, "", "其他", number="2024-00088")  # registered late, backdated
    r4 = [p for p in statistics_problems(statistics.compute(2025), last_year.figures) if p.rule == "R4"]
    assert [p.message.split("：")[0] for p in r4] == ["表三“其他”列", "表三“总计”列"]


# -- the report and the command line ----------------------------------------------------------------


@pytest.mark.rule("S5.2")
def test_narrative_placeholders_are_filled_and_unknown_ones_named():
    scenario(2025)
    report = services.report_for(2025)
    report.problems = "部分科室报送信息不及时。"
    report.other_matters = "无。{不存在的数}"
    document = services.document(report)
    assert "收到政府信息公开申请24件，上年结转3件，办结23件，结转下年度4件" in document["overview"][0]
    assert document["other_matters"][0].startswith("本年度依申请提供政府信息共收取费用0元")
    messages = [str(problem) for problem in services.problems(report)]
    assert any("占位符 {不存在的数} 无法识别" in message for message in messages)
    report.problems = ""
    assert "“五、存在的主要问题及改进情况”尚未填写（正文）" in [str(p) for p in services.problems(report)]


@pytest.mark.rule("S5.2", "S1.6")
def test_command_prints_the_json_shape_of_the_issue():
    specs = scenario(2025)
    out = io.StringIO()
    call_command("annual_report", "2025", "--json", stdout=out, stderr=io.StringIO())
    data = json.loads(out.getvalue())
    assert list(data) == ["year", "format", "table2", "table3", "table4"]
    assert (data["year"], data["format"]) == (2025, "2021")
    assert data["table3"]["rows"] == expected_table3(2025, "2021", specs)
    assert data["table3"]["rows"]["（三）不予公开/1.属于国家秘密"] == [0, 1, 1, 0, 0, 0, 2]
    assert data["table4"] == {"columns": tables.TABLE4_COLUMNS, "values": [0] * 15}
    assert list(data["table2"]) == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]


def test_command_refuses_without_an_action_and_check_reports_problems():
    with pytest.raises(CommandError, match="--json"):
        call_command("annual_report", "2025")
    scenario(2025)
    err = io.StringIO()
    with pytest.raises(CommandError, match="个问题"):
        call_command("annual_report", "2025", "--check", stderr=err)
    assert "尚未填报" in err.getvalue()


@pytest.mark.rule("S5.1")
def test_upcoming_deadlines_follow_the_policy_and_what_is_done():
    # By default the stricter rule of each: submission by 20 January (制度五), publication by 31 January
    # (2019 regulation Art. 49: 每年1月31日前 … 公布).
    assert services.upcoming_deadlines(D(2026, 1, 5)) == [
        ("报送2025年政府信息公开工作年度报告", D(2026, 1, 20)),
        ("公布2025年政府信息公开工作年度报告", D(2026, 1, 31)),
    ]
    assert services.upcoming_deadlines(D(2026, 2, 1)) == [
        ("报送2026年政府信息公开工作年度报告", D(2027, 1, 20)),
        ("公布2026年政府信息公开工作年度报告", D(2027, 1, 31)),
    ]
    AnnualReport.objects.create(year=2025, status="published")
    assert services.upcoming_deadlines(D(2026, 1, 5))[-1] == (
        "公布2026年政府信息公开工作年度报告",
        D(2027, 1, 31),
    )
    from annual_report.models import ReportPolicy

    policy = ReportPolicy.load()
    policy.regime = ReportPolicy.Regime.SEED
    policy.save()
    assert ReportPolicy.load().publish_by(2026) == D(2027, 3, 31)
