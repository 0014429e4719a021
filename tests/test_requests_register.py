"""The register (台账): import of a historical register, and the admin list with masked personal data (S2.10)."""

import datetime
import io

import openpyxl
import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from disclosure_requests.models import DisclosureRequest
from workdays.calendar import clear_cache

HEADER = "申请编号,收到日期,申请人类型,申请人,申请方式,申请内容,办理结果,答复日期,是否延期,收费金额（元）\n"
ROWS = (
    "2019-001,2019-03-04,自然人,张三,信函申请,扶贫资金分配表,予以公开,2019-03-20,否,0\n"
    "2019-002,2019-03-05,商业企业,某某公司,网上申请,项目招标文件,不予公开/属于国家秘密,2019-04-10,是,0\n"
    "2019-003,2019-12-20,其他,某协会,传真,安置点名单,,,否,\n"
)

pytestmark = pytest.mark.rule("S2.10")


@pytest.fixture(autouse=True)
def field_key(settings, site_structure):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield
    clear_cache()


def write(tmp_path, text, name="台账.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_on_a_fresh_database_is_idempotent(tmp_path):
    path = write(tmp_path, HEADER + ROWS)
    out = io.StringIO()
    call_command("import_requests", path, stdout=out)
    assert "新增 3 条" in out.getvalue()
    call_command("import_requests", path, stdout=out)
    assert "更新 3 条" in out.getvalue()
    assert DisclosureRequest.objects.count() == 3
    refused = DisclosureRequest.objects.get(tracking_number="2019-002")
    assert (refused.applicant_type, refused.organisation_kind) == ("organisation", "commercial")
    assert refused.answer_kind == "refused" and refused.report_row == "不予公开/属于国家秘密"
    assert refused.clock_entries.filter(kind="extension").exists()
    # 15 + 15 working days from 5 March 2019
    assert refused.due_date == datetime.date(2019, 4, 17)  # Qingming, Fri 5 April, not counted
    still_open = DisclosureRequest.objects.get(tracking_number="2019-003")
    assert still_open.answered_on is None and still_open.status == "in_progress"


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path):
    bad = ROWS + "2019-004,2019-13-01,自然人,李四,信函申请,内容,予以公开,2019-03-20,否,0\n"
    bad += "2019-005,2019-03-01,外星人,王五,信函申请,内容,神秘结果,2019-03-20,也许,abc\n"
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 行有误"):
        call_command("import_requests", write(tmp_path, HEADER + bad), stderr=err)
    assert "第5行：收到日期“2019-13-01”不是日期" in err.getvalue()
    assert "第6行：申请人类型“外星人”" in err.getvalue()
    assert not DisclosureRequest.objects.exists()


def test_the_ways_real_registers_write_each_column_are_understood(tmp_path):
    rows = (
        "2020-001,2020-03-02,个人,张三,在线,扶贫资金分配表,公开,2020-03-20,否,0\n"
        "2020-002,2020-03-02,公司,某某公司,现场,项目招标文件,不予公开－属于国家秘密,2020-03-20,否,0\n"
        "2020-003,2020-03-02,律师事务所,某律所,挂号信,安置点名单,信息不存在,2020-03-20,否,0\n"
        "2020-004,2020-03-02,社会组织,某协会,Ｅ－ｍａｉｌ,会议纪要,重复申请,2020-03-20,否,0\n"
        "2020-005,2020-03-02, 自然人 ,李四,来信,项目清单,不予处理：要求提供公开出版物,2020-03-20,否,0\n"
    )
    call_command("import_requests", write(tmp_path, HEADER + rows), stdout=io.StringIO())
    imported = {
        request.tracking_number: (
            request.applicant_type,
            request.organisation_kind,
            request.channel,
            request.report_row,
        )
        for request in DisclosureRequest.objects.all()
    }
    # Each written as the annual report's table 三 and the register's own columns name it.
    assert imported == {
        "2020-001": ("citizen", "", "online", "予以公开"),
        "2020-002": ("organisation", "commercial", "in_person", "不予公开/属于国家秘密"),
        "2020-003": (
            "organisation",
            "legal_services",
            "registered_post",
            "无法提供/本机关不掌握相关政府信息",
        ),
        "2020-004": ("organisation", "public_interest", "email", "不予处理/重复申请"),
        "2020-005": ("citizen", "", "letter", "不予处理/要求提供公开出版物"),
    }


def test_a_word_that_cannot_be_mapped_is_refused_naming_row_column_and_the_accepted_words(tmp_path):
    rows = "2020-001,2020-03-02,自然人,张三,飞鸽传书,扶贫资金分配表,予以公开,2020-03-20,否,0\n"
    rows += "2020-002,2020-03-02,自然人,李四,网上,项目清单,看情况,2020-03-20,否,0\n"
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 行有误"):
        call_command("import_requests", write(tmp_path, HEADER + rows), stderr=err)
    assert (
        "第2行：申请方式“飞鸽传书”无法识别，应为：网上申请 / 当面提交 / 信函申请 / 邮寄 / 传真 / 电子邮件 / 口头申请"
        in err.getvalue()
    )
    assert (
        "第3行：办理结果“看情况”无法识别，应为：予以公开 / 部分公开 / 不予公开/属于国家秘密" in err.getvalue()
    )
    assert not DisclosureRequest.objects.exists()


def test_import_reads_xlsx(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        [
            "2020-001",
            datetime.date(2020, 5, 6),
            "科研机构",
            "某研究所",
            "电子邮件",
            "监测数据",
            "部分公开",
            datetime.date(2020, 5, 20),
            "否",
            0,
        ]
    )
    path = tmp_path / "台账.xlsx"
    book.save(path)
    call_command("import_requests", str(path), stdout=io.StringIO())
    assert DisclosureRequest.objects.get().report_row == "部分公开"


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(CommandError, match="缺少列：.*收费金额"):
        call_command("import_requests", write(tmp_path, "申请编号,收到日期\n"))


def test_register_lists_and_exports_with_personal_data_masked(admin_client):
    from disclosure_requests.forms import RequestForm
    from disclosure_requests.services import submit

    form = RequestForm(
        {
            "applicant_type": "citizen",
            "name": "李明",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13887654321",
            "address": "云南省楚雄州楚雄市鹿城南路100号",
            "description": "搬迁安置点资金",
            "carrier": "paper",
            "delivery": "post",
        }
    )
    assert form.is_valid(), form.errors
    submit(form, "online")
    listing = admin_client.get("/admin/snippets/disclosure_requests/disclosurerequest/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "1101**********002X" in html and "11010519491231002X" not in html
    filtered = admin_client.get(
        "/admin/snippets/disclosure_requests/disclosurerequest/", {"status": "archived"}
    )
    assert "李明" not in filtered.content.decode()
    export = admin_client.get("/admin/snippets/disclosure_requests/disclosurerequest/", {"export": "xlsx"})
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("申请编号", "收到日期", "申请人类型", "申请人", "证件号码")
    assert rows[1][4] == "1101**********002X" and "13887654321" not in str(rows[1])


def test_export_says_which_requests_were_extended_in_the_same_queries_for_3_rows_or_30(
    tmp_path, admin_client
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def export():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(
                "/admin/snippets/disclosure_requests/disclosurerequest/", {"export": "xlsx"}
            )
        header, *rows = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values
        column = header.index("是否延期")
        return len(queries), {row[0]: row[column] for row in rows}

    call_command("import_requests", write(tmp_path, HEADER + ROWS), stdout=io.StringIO())
    export()  # the first request fills the calendar and session caches
    few, extended = export()
    assert extended == {"2019-001": "否", "2019-002": "是", "2019-003": "否"}
    more = "".join(
        f"2019-1{number:02},2019-05-06,自然人,李四,信函申请,资金分配表,予以公开,2019-05-20,{'是' if number % 2 else '否'},0\n"
        for number in range(27)
    )
    call_command("import_requests", write(tmp_path, HEADER + more, "更多.csv"), stdout=io.StringIO())
    queries, extended = export()
    assert queries == few and len(extended) == 30
    assert (extended["2019-101"], extended["2019-102"], extended["2019-002"]) == ("是", "否", "是")
