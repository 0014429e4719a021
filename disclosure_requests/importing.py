"""Importing a historical register (台账) from CSV or XLSX: idempotent on 申请编号, bad rows by line."""

import csv
import datetime
import decimal
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from gongkai_site.middleware import unstorable

from workdays.limits import time_limits

from .models import ClockEntry, DisclosureRequest
from .results import RESULT_ROWS
from .services.answer import REPORT_ROW_OF_KIND

COLUMNS = [
    "申请编号",
    "收到日期",
    "申请人类型",
    "申请人",
    "申请方式",
    "申请内容",
    "办理结果",
    "答复日期",
    "是否延期",
    "收费金额（元）",
]
Kind = DisclosureRequest.OrganisationKind
# The annual report's words first (they are what the error message offers), then the ways real registers
# write the same thing.
APPLICANT_TYPES = {
    "自然人": ("citizen", ""),
    "商业企业": ("organisation", Kind.COMMERCIAL),
    "科研机构": ("organisation", Kind.RESEARCH),
    "社会公益组织": ("organisation", Kind.PUBLIC_INTEREST),
    "法律服务机构": ("organisation", Kind.LEGAL_SERVICES),
    "其他": ("organisation", Kind.OTHER),
}
APPLICANT_SYNONYMS = {
    "公民": "自然人",
    "个人": "自然人",
    "群众": "自然人",
    "居民": "自然人",
    "企业": "商业企业",
    "公司": "商业企业",
    "科研院所": "科研机构",
    "高校": "科研机构",
    "公益组织": "社会公益组织",
    "社会组织": "社会公益组织",
    "社会团体": "社会公益组织",
    "律师事务所": "法律服务机构",
    "律所": "法律服务机构",
    "法人或其他组织": "其他",
    "其他组织": "其他",
}
Channel = DisclosureRequest.Channel
CHANNELS = {
    "网上申请": Channel.ONLINE,
    "当面提交": Channel.IN_PERSON,
    "信函申请": Channel.LETTER,
    "邮寄": Channel.REGISTERED_POST,
    "传真": Channel.FAX,
    "电子邮件": Channel.EMAIL,
    "口头申请": Channel.ORAL,
}
CHANNEL_SYNONYMS = {
    "网上": "网上申请",
    "在线": "网上申请",
    "在线申请": "网上申请",
    "网络": "网上申请",
    "网站": "网上申请",
    "互联网": "网上申请",
    "政府网站": "网上申请",
    "当面": "当面提交",
    "当面申请": "当面提交",
    "现场": "当面提交",
    "现场申请": "当面提交",
    "窗口": "当面提交",
    "来访": "当面提交",
    "信函": "信函申请",
    "来信": "信函申请",
    "平常信函": "信函申请",
    "书信": "信函申请",
    "邮寄申请": "邮寄",
    "挂号信": "邮寄",
    "邮政": "邮寄",
    "快递": "邮寄",
    "ems": "邮寄",
    "传真申请": "传真",
    "邮件": "电子邮件",
    "电子邮箱": "电子邮件",
    "email": "电子邮件",
    "e-mail": "电子邮件",
    "口头": "口头申请",
}
AnswerKind = DisclosureRequest.AnswerKind
# Every result row of the annual report's table 三 is accepted (disclosure_requests.results is the one list);
# the row's group says what kind of answer it was, with a few rows of their own.
KIND_OF_GROUP = {
    "予以公开": AnswerKind.DISCLOSED,
    "部分公开": AnswerKind.PARTIAL,
    "不予公开": AnswerKind.REFUSED,
    "无法提供": AnswerKind.NOT_EXIST,
    "不予处理": AnswerKind.REPEAT,
    "其他处理": AnswerKind.NOT_GOVERNMENT_INFORMATION,
}
KIND_OF_ROW = {
    "不予处理/信访举报投诉类申请": AnswerKind.TRANSFERRED,
    "不予处理/要求提供公开出版物": AnswerKind.ALREADY_PUBLIC,
    REPORT_ROW_OF_KIND[AnswerKind.DEEMED_WITHDRAWN]: AnswerKind.DEEMED_WITHDRAWN,
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": AnswerKind.DEEMED_WITHDRAWN,
}
RESULTS = {row: KIND_OF_ROW.get(row, KIND_OF_GROUP[row.split("/")[0]]) for row in RESULT_ROWS}
# A row's item is enough on its own (each is unique across the groups), besides these common words.
RESULT_SYNONYMS = {
    **{row.split("/")[1]: row for row in RESULT_ROWS if "/" in row and not row.endswith("/其他")},
    "公开": "予以公开",
    "全部公开": "予以公开",
    "同意公开": "予以公开",
    "国家秘密": "不予公开/属于国家秘密",
    "商业秘密": "不予公开/保护第三方合法权益",
    "个人隐私": "不予公开/保护第三方合法权益",
    "内部事务信息": "不予公开/属于三类内部事务信息",
    "过程性信息": "不予公开/属于四类过程性信息",
    "信息不存在": "无法提供/本机关不掌握相关政府信息",
    "不掌握": "无法提供/本机关不掌握相关政府信息",
    "需要另行制作": "无法提供/没有现成信息需要另行制作",
    "信访举报投诉": "不予处理/信访举报投诉类申请",
    "公开出版物": "不予处理/要求提供公开出版物",
    "逾期不补正": "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "逾期未缴费": "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}
SEPARATORS = re.compile(r"\s*[-－—–:：|｜、>＞]\s*")
YES = {"是", "y", "yes", "1", "true"}
NO = {"否", "", "n", "no", "0", "false"}


class ImportFileError(Exception):
    pass


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)


def read_rows(path):
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True, data_only=True).active
            rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        else:
            text = path.read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
    except UnicodeDecodeError as error:
        raise ImportFileError("文件不是 UTF-8 编码；在 Excel 或 WPS 中请另存为“CSV UTF-8”。") from error
    except OSError as error:
        raise ImportFileError(f"无法读取文件：{error.strerror or error}") from error
    except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
        raise ImportFileError(f"文件不是有效的 XLSX 工作簿：{error}") from error
    if not rows:
        raise ImportFileError("文件是空的。")
    header = [str(cell).strip() for cell in rows[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportFileError(f"缺少列：{'、'.join(missing)}")
    if not any(any(str(cell).strip() for cell in row) for row in rows[1:]):
        raise ImportFileError("文件中没有数据行（只有表头）。")
    for number, row in enumerate(rows[1:], start=2):
        if any(str(cell).strip() for cell in row):
            yield (
                number,
                {name: row[header.index(name)] if header.index(name) < len(row) else "" for name in COLUMNS},
            )


def parse_date(value, column):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise ValueError(f"{column}“{value}”不是日期（应为 2024-03-05）") from None


# The columns stored as text, with the model field whose limits and checks they must pass.
STORED_AS = {"申请编号": "tracking_number", "申请人": "name", "申请内容": "description"}


def check_storable(row):
    """Every cell the database can store, each text within its field's limits; the error names the column."""
    for column, value in row.items():
        if isinstance(value, str) and unstorable(value):
            raise ValueError(f"列“{column}”含有无法保存的字符（空字符或不成对的代理字符）")
    for column, name in STORED_AS.items():
        try:
            DisclosureRequest._meta.get_field(name).run_validators(str(row[column]).strip())
        except ValidationError as error:
            raise ValueError(f"列“{column}”{'；'.join(error.messages)}") from None


def canonical(value):
    """Full-width letters and signs as half-width, no spaces, Latin in lower case, any separator as “/”."""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    return SEPARATORS.sub("/", re.sub(r"\s+", "", text))


def vocabulary(official, synonyms):
    """Every accepted way of writing a column's words, in canonical form, → the official word."""
    return {canonical(word): word for word in official} | {
        canonical(synonym): word for synonym, word in synonyms.items()
    }


# Built once: {column: (its official words, the vocabulary mapping any accepted writing to one of them)}.
VOCABULARIES = {
    "申请人类型": (APPLICANT_TYPES, vocabulary(APPLICANT_TYPES, APPLICANT_SYNONYMS)),
    "申请方式": (CHANNELS, vocabulary(CHANNELS, CHANNEL_SYNONYMS)),
    "办理结果": (RESULTS, vocabulary(RESULTS, RESULT_SYNONYMS)),
}


def lookup(row, column):
    """The official word the row's cell in `column` stands for, or a ValueError naming the accepted words."""
    official, words = VOCABULARIES[column]
    word = words.get(canonical(row[column]))
    if word is None:
        raise ValueError(
            f"{column}“{str(row[column]).strip()}”无法识别，应为：{' / '.join(official)}（或常见写法）"
        )
    return word


def parse_row(row):
    check_storable(row)
    number = str(row["申请编号"]).strip()
    if not number:
        raise ValueError("申请编号为空")
    received = parse_date(row["收到日期"], "收到日期")
    if received is None:
        raise ValueError("收到日期为空")
    applicant = lookup(row, "申请人类型")
    channel = lookup(row, "申请方式")
    answered = parse_date(row["答复日期"], "答复日期")
    result = ""
    if answered:
        result = lookup(row, "办理结果")
    if answered and answered < received:
        raise ValueError("答复日期早于收到日期")
    extended = str(row["是否延期"]).strip().lower()
    if extended not in YES | NO:
        raise ValueError(f"是否延期“{row['是否延期']}”应为 是 或 否")
    try:
        fee = decimal.Decimal(str(row["收费金额（元）"]).strip() or "0")
    except decimal.InvalidOperation:
        raise ValueError(f"收费金额“{row['收费金额（元）']}”不是数字") from None
    if not str(row["申请人"]).strip() or not str(row["申请内容"]).strip():
        raise ValueError("申请人或申请内容为空")
    applicant_type, kind = APPLICANT_TYPES[applicant]
    return (
        number,
        {
            "received_date": received,
            "submitted_at": timezone.make_aware(datetime.datetime.combine(received, datetime.time(9))),
            "applicant_type": applicant_type,
            "organisation_kind": kind,
            "name": str(row["申请人"]).strip(),
            "channel": CHANNELS[channel],
            "description": str(row["申请内容"]).strip(),
            "answer_kind": RESULTS.get(result, "") if answered else "",
            "report_row": result if answered else "",
            "answered_on": answered,
            "fee_amount": fee,
            "status": DisclosureRequest.Status.ARCHIVED if answered else DisclosureRequest.Status.IN_PROGRESS,
            "imported": True,
        },
        extended in YES,
    )


def import_requests(path):
    result = Result()
    parsed = []
    for line, row in read_rows(path):
        try:
            parsed.append(parse_row(row))
        except ValueError as error:
            result.errors.append(f"第{line}行：{error}")
    if result.errors:
        return result
    limits = time_limits()
    with transaction.atomic():
        for number, fields, extended in parsed:
            request, created = DisclosureRequest.objects.update_or_create(
                tracking_number=number, defaults=fields
            )
            request.clock_entries.all().delete()
            ClockEntry.objects.create(
                request=request,
                kind=ClockEntry.Kind.START,
                date=fields["received_date"],
                days=limits.answer,
                basis="历史台账导入",
            )
            if extended:
                ClockEntry.objects.create(
                    request=request,
                    kind=ClockEntry.Kind.EXTENSION,
                    date=fields["received_date"],
                    days=limits.extension,
                    basis="历史台账导入：已延期",
                )
            from .clock import clock_for

            request.due_date = clock_for(request).due
            request.save(update_fields=["due_date"])
            result.created += created
            result.updated += not created
    return result
