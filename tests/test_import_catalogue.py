"""`manage.py import_catalogue`: bringing items published elsewhere into the catalogue."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Revision

from cms_pages.index_numbers import render_prefix
from cms_pages.models import CataloguePage, Category, DisclosureItemPage, DisclosureSettings, HomePage
from cms_pages.publication import authorised_publication
from organisation.models import Agency
from tests.support.paths import POLICIES_2018_2019

REAL_FILE = POLICIES_2018_2019
COLUMNS = ["index_number", "title", "publisher", "doc_number", "published", "written", "source_url", "body"]


def a_row(number=1, **values):
    return {
        "index_number": f"000014349/2019-{number:05d}",
        "title": f"国务院办公厅关于试点工作的通知（{number}）",
        "publisher": "国务院办公厅",
        "doc_number": f"国办函〔2019〕{number}号",
        "published": "2019-01-03",
        "written": "2018-12-29",
        "source_url": f"http://www.gov.cn/zhengce/content/2019-01/03/content_{number}.htm",
        "body": "第一段\n第二段",
        **values,
    }


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def run_import(path, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_catalogue", str(path), stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def run_failing_import(path, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(path), stdout=stdout, stderr=stderr, **options)
    return str(raised.value), stdout.getvalue(), stderr.getvalue()


def item(index_number):
    return DisclosureItemPage.objects.get(index_number=index_number)


@pytest.mark.rule("S1.1")
@pytest.mark.rule("S1.6")
def test_imports_the_state_council_documents(client, catalogue):
    stdout, stderr = run_import(REAL_FILE, progress_every=20)

    assert stdout.splitlines() == [
        "已处理 20/60",
        "已处理 40/60",
        "已处理 60/60",
        "导入完成：新建 60 条，更新 0 条，无变化 0 条，失败 0 条。",
    ]
    assert stderr == ""
    assert DisclosureItemPage.objects.child_of(catalogue).live().count() == 60
    opinion = item("000014349/2019-00007")
    assert opinion.title == "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"
    assert (opinion.publisher, opinion.doc_number, opinion.category.slug) == (
        "国务院",
        "国发〔2019〕5号",
        "policy",
    )
    assert (opinion.written, opinion.formed) == (datetime.date(2019, 1, 27), datetime.date(2019, 1, 27))
    assert opinion.published == datetime.date(2019, 2, 15)
    assert opinion.source_url == "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm"
    assert opinion.body.startswith(
        "<p>国务院关于在市场监管领域全面推行</p><p>部门联合“双随机、一公开”监管的意见</p>"
    )
    assert opinion.live_revision is not None and not opinion.has_unpublished_changes
    assert opinion.url == "/catalogue/000014349-2019-00007/"

    undated = item("000014349/2019-00005")
    assert (undated.written, undated.formed) == (None, datetime.date(2019, 2, 13))
    assert "&amp;sp;" in item("000014349/1996-00072").body

    listing = client.get("/catalogue/").content.decode()
    assert opinion.title in listing and "000014349/2019-00007" in listing
    page = client.get(opinion.url)
    assert page.status_code == 200
    assert "国发〔2019〕5号" in page.content.decode() and "2019-02-15" in page.content.decode()


@pytest.mark.rule("S1.6")
def test_importing_the_same_file_again_changes_nothing(catalogue):
    run_import(REAL_FILE)
    revisions = Revision.objects.count()
    last_published = item("000014349/2019-00007").last_published_at

    stdout, stderr = run_import(REAL_FILE)

    assert stdout.splitlines()[-1] == "导入完成：新建 0 条，更新 0 条，无变化 60 条，失败 0 条。"
    assert stderr == ""
    assert Revision.objects.count() == revisions
    assert item("000014349/2019-00007").last_published_at == last_published


@pytest.mark.rule("S1.1")
def test_a_changed_row_updates_its_item_with_a_new_revision(client, tmp_path, catalogue):
    path = write_jsonl(tmp_path / "items.jsonl", [a_row(1), a_row(2)])
    run_import(path)
    first = item("000014349/2019-00001")
    first.category = Category.objects.get(slug="funds")
    first.save()

    write_jsonl(
        path, [a_row(1, title="国务院办公厅关于试点工作的补充通知", published="2019-01-04"), a_row(2)]
    )
    stdout, _ = run_import(path)

    assert stdout.splitlines()[-1] == "导入完成：新建 0 条，更新 1 条，无变化 1 条，失败 0 条。"
    first = item("000014349/2019-00001")
    assert first.title == "国务院办公厅关于试点工作的补充通知"
    assert first.published == datetime.date(2019, 1, 4)
    assert first.category.slug == "funds"  # the file has no category column: the item keeps its own
    assert first.live and not first.has_unpublished_changes
    assert first.revisions.count() == 2
    assert "国务院办公厅关于试点工作的补充通知" in client.get(first.url).content.decode()


def test_withdrawn_items_get_a_draft_and_locked_items_are_left_alone(tmp_path, catalogue):
    path = write_jsonl(tmp_path / "items.jsonl", [a_row(1), a_row(2)])
    run_import(path)
    with authorised_publication("test: withdrawn through 撤回公开"):
        item("000014349/2019-00001").unpublish()
    DisclosureItemPage.objects.filter(index_number="000014349/2019-00002").update(locked=True)

    write_jsonl(path, [a_row(1, title="改过的标题一"), a_row(2, title="改过的标题二")])
    message, stdout, stderr = run_failing_import(path)

    assert stderr == "第 2 行：该事项已被锁定（可能正在审核），未更新\n"
    assert stdout.splitlines()[-1] == "导入完成：新建 0 条，更新 1 条，无变化 0 条，失败 1 条。"
    withdrawn = item("000014349/2019-00001")
    assert not withdrawn.live and withdrawn.get_latest_revision_as_object().title == "改过的标题一"
    assert item("000014349/2019-00002").title == a_row(2)["title"]


@pytest.mark.rule("S1.1")
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_imports_csv_with_or_without_bom(tmp_path, catalogue, encoding):
    path = tmp_path / "目录.csv"
    path.write_text(
        "index_number,title,publisher,published,written,category,summary,subject_words,body,备注\n"
        "CX-2019-001,楚雄州扶贫项目资金公告,楚雄州乡村振兴局,2019/1/3,2018年12月29日,扶贫项目资金信息,"
        '资金安排情况,扶贫 资金,"第一段\n\n  第二段 <b>&</b>  ",内部备注\n',
        encoding=encoding,
    )

    stdout, stderr = run_import(path)

    assert "新建 1 条" in stdout
    assert stderr == "忽略未知的列：备注\n"
    notice = item("CX-2019-001")
    assert notice.category.slug == "funds"
    assert (notice.published, notice.written) == (datetime.date(2019, 1, 3), datetime.date(2018, 12, 29))
    assert (notice.summary, notice.subject_words) == ("资金安排情况", "扶贫 资金")
    assert notice.body == "<p>第一段</p><p>第二段 &lt;b&gt;&amp;&lt;/b&gt;</p>"
    assert notice.slug == "cx-2019-001"


def test_csv_errors_name_the_spreadsheet_row(tmp_path, catalogue):
    path = tmp_path / "items.csv"
    path.write_text(
        "index_number,title,publisher,published,body\n"
        'A-1,通知一,楚雄州乡村振兴局,2019-01-03,"多行\n正文"\n'
        "A-2,通知二,楚雄州乡村振兴局,2019-02-30,正文\n",
        encoding="utf-8",
    )

    _, _, stderr = run_failing_import(path)

    assert stderr == "第 3 行，列 published：日期“2019-02-30”无效，应为 YYYY-MM-DD\n"
    assert DisclosureItemPage.objects.filter(index_number="A-1").exists()


@pytest.mark.rule("S1.1")
def test_imports_the_first_sheet_of_an_xlsx_workbook(tmp_path, catalogue):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["index_number", "title", "publisher", "published", "written", "category"])
    sheet.append(
        ["CX-2019-002", "扶贫工作动态一则", "楚雄州乡村振兴局", datetime.date(2019, 3, 1), None, "news"]
    )
    sheet.append([None] * 6)
    sheet.append(
        [
            "CX-2019-003",
            "扶贫工作动态两则",
            "楚雄州乡村振兴局",
            datetime.datetime(2019, 3, 2),
            "2019年3月1日",
            None,
        ]
    )
    workbook.create_sheet("说明").append(["index_number", "title"])
    workbook.active = 1
    workbook.save(tmp_path / "items.xlsx")

    stdout, _ = run_import(tmp_path / "items.xlsx", default_category="扶贫工作动态")

    assert "新建 2 条" in stdout
    assert item("CX-2019-002").published == datetime.date(2019, 3, 1)
    assert item("CX-2019-002").formed == datetime.date(2019, 3, 1)
    assert item("CX-2019-003").written == datetime.date(2019, 3, 1)
    assert {item(number).category.slug for number in ("CX-2019-002", "CX-2019-003")} == {"news"}


@pytest.mark.rule("S1.1")
def test_bad_rows_are_reported_by_line_and_column_and_good_rows_still_land(tmp_path, catalogue):
    path = write_jsonl(
        tmp_path / "items.jsonl",
        [
            a_row(1),
            a_row(2, published="2018-13-01"),
            a_row(3, title=" "),
            a_row(4, category="不存在的分类"),
        ],
    )
    with path.open("a", encoding="utf-8") as file:
        file.write("\n{oops\n")
    with path.open("a", encoding="utf-8") as file:
        for row in (a_row(7, title="长" * 256, source_url="not a url"), a_row(1), a_row(9)):
            file.write(json.dumps(row, ensure_ascii=False) + "\n")

    message, stdout, stderr = run_failing_import(path)

    assert stderr.splitlines() == [
        "第 2 行，列 published：日期“2018-13-01”无效，应为 YYYY-MM-DD",
        "第 3 行，列 title：不能为空",
        "第 4 行，列 category：没有名为“不存在的分类”的分类",
        "第 6 行：不是有效的 JSON：Expecting property name enclosed in double quotes",
        "第 7 行，列 title：长度为 256 个字符，超过上限 255 个字符",
        "第 7 行，列 source_url：网址“not a url”无效",
        "第 8 行，列 index_number：索引号“000014349/2019-00001”与第 1 行重复",
    ]
    assert message == "6 行未能导入，其余各行已导入；改正后可重新导入整个文件。"
    assert stdout.splitlines()[-1] == "导入完成：新建 2 条，更新 0 条，无变化 0 条，失败 6 条。"
    assert set(DisclosureItemPage.objects.values_list("index_number", flat=True)) == {
        "000014349/2019-00001",
        "000014349/2019-00009",
    }


@pytest.mark.rule("S1.6")
@pytest.mark.django_db
def test_works_on_a_freshly_migrated_database(tmp_path):
    assert not HomePage.objects.exists()
    path = write_jsonl(tmp_path / "items.jsonl", [a_row(1)])

    stdout, stderr = run_import(path, verbosity=0)

    assert (stdout, stderr) == ("", "")
    assert Agency.current() is not None
    assert item("000014349/2019-00001").get_parent().specific_class is CataloguePage


@pytest.mark.rule("S1.1")
def test_imported_numbers_are_kept_and_later_system_numbers_skip_them(tmp_path, make_item):
    office = DisclosureSettings.load()
    prefix = render_prefix(office.index_number_prefix, Agency.current().credit_code, timezone.localdate())
    imported_number = f"{prefix}{1:0{office.index_number_digits}d}"
    run_import(write_jsonl(tmp_path / "items.jsonl", [a_row(index_number=imported_number)]))

    published_here = make_item(title="本机关新发布的信息")

    imported = item(imported_number)
    assert imported.published == datetime.date(2019, 1, 3)
    assert published_here.index_number == f"{prefix}{2:0{office.index_number_digits}d}"


def test_file_problems_stop_the_import_before_it_starts(tmp_path, catalogue):
    write_jsonl(tmp_path / "items.txt", [a_row(1)])
    (tmp_path / "gbk.csv").write_bytes(
        "index_number,title,publisher,published\n甲,乙,丙,2019-01-03\n".encode("gbk")
    )
    (tmp_path / "short.csv").write_text(
        "index_number,title,published\nA-1,通知,2019-01-03\n", encoding="utf-8"
    )

    assert "请用 --format 指定" in run_failing_import(tmp_path / "items.txt")[0]
    assert "不是 UTF-8 编码" in run_failing_import(tmp_path / "gbk.csv")[0]
    assert run_failing_import(tmp_path / "short.csv")[0] == "文件缺少必需的列：publisher。"
    assert (
        "没有名为“nope”的分类"
        in run_failing_import(tmp_path / "items.txt", file_format="jsonl", default_category="nope")[0]
    )
    assert not DisclosureItemPage.objects.exists()

    run_import(tmp_path / "items.txt", file_format="jsonl")
    assert DisclosureItemPage.objects.count() == 1
