"""Import disclosure items from JSON Lines, CSV or XLSX files (`manage.py import_catalogue`).

Each row becomes a published DisclosureItemPage keyed on its index number: importing the same file
again changes nothing, and a row whose values changed updates its item with a new revision. Rows are
validated and saved one by one, each in its own transaction, so one bad row never stops the others.
"""

import csv
import datetime
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils.html import escape
from gongkai_site.middleware import unstorable
from openpyxl.utils.exceptions import InvalidFileException

from .models import Category, DisclosureItemPage
from .publication import authorised_publication
from .setup import ensure_site_structure

REQUIRED_COLUMNS = ("index_number", "title", "publisher", "published")
OPTIONAL_COLUMNS = (
    "doc_number",
    "written",
    "source_url",
    "body",
    "category",
    "summary",
    "subject_words",
    "document_kind",
    "validity",
    "invalid_from",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
FORMATS_BY_EXTENSION = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
PUBLICATION_AUTHORITY = "公开目录导入（曾在别处发布的信息）"
DATE_PATTERNS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


class ImportFileError(Exception):
    """The file as a whole cannot be imported: nothing is imported."""


class RowError(Exception):
    """One value, or one row, cannot be imported."""


class InvalidRow(Exception):
    """Everything wrong with one row, as (column or None, message) pairs."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class SourceRow:
    line: int
    values: dict
    error: str = ""  # set when the line could not even be read as a record


def file_format_for(path):
    try:
        return FORMATS_BY_EXTENSION[path.suffix.lower()]
    except KeyError:
        raise ImportFileError(
            f"无法从扩展名“{path.suffix}”判断文件格式，请用 --format 指定 jsonl、csv 或 xlsx。"
        ) from None


def read_rows(path, file_format):
    """The file's records in order; `line` is the line (JSON Lines) or the row (CSV, XLSX) number."""
    readers = {"jsonl": _read_jsonl, "csv": _read_csv, "xlsx": _read_xlsx}
    try:
        yield from readers[file_format](path)
    except UnicodeDecodeError as error:
        raise ImportFileError("文件不是 UTF-8 编码；在 Excel 或 WPS 中请另存为“CSV UTF-8”。") from error
    except (InvalidFileException, zipfile.BadZipFile) as error:
        raise ImportFileError("文件不是有效的 XLSX 工作簿。") from error
    except csv.Error as error:
        raise ImportFileError(f"CSV 格式错误：{error}") from error
    except OSError as error:
        raise ImportFileError(f"无法读取文件：{error.strerror or error}") from error


def survey(path, file_format):
    """Read the file once before importing: the number of rows and the unknown column names."""
    total, columns = 0, set()
    for row in read_rows(path, file_format):
        total += 1
        columns.update(row.values)
    if not total:
        raise ImportFileError("文件中没有可导入的数据行（空文件，或只有表头）。")
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ImportFileError(f"文件缺少必需的列：{'、'.join(missing)}。")
    return total, sorted(columns - set(COLUMNS))


def _read_jsonl(path):
    with path.open(encoding="utf-8-sig") as file:
        for line, text in enumerate(file, start=1):
            if text.strip():
                yield _json_row(line, text)


def _json_row(line, text):
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        return SourceRow(line, {}, f"不是有效的 JSON：{error.msg}")
    if not isinstance(values, dict):
        return SourceRow(line, {}, "不是 JSON 对象")
    return SourceRow(line, values)


def _read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as file:
        yield from _table_rows(csv.reader(file))


def _read_xlsx(path):
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield from _table_rows(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _table_rows(rows):
    """Rows of a sheet whose first row names the columns; blank rows are skipped."""
    header = next(rows, None) or ()
    columns = [_text(name) for name in header]
    for line, cells in enumerate(rows, start=2):
        if any(_text(cell) for cell in cells):
            values = {
                column: cells[position] if position < len(cells) else None
                for position, column in enumerate(columns)
                if column
            }
            yield SourceRow(line, values)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value):
    """ISO `2018-06-25`, `2018/6/25`, `2018年6月25日` or a spreadsheet date cell; blank is None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in DATE_PATTERNS:
        if match := pattern.fullmatch(text):
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise RowError(f"日期“{text}”无效，应为 YYYY-MM-DD")


def text_to_rich_text(value):
    """Plain text, one paragraph a line, as rich text."""
    lines = (line.strip() for line in _text(value).splitlines())
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def clean_url(value):
    text = _text(value)
    if text:
        try:
            URLValidator()(text)
        except ValidationError:
            raise RowError(f"网址“{text}”无效") from None
    return text


def choice_of(choices, default):
    """A cleaner taking a choice by its code or its Chinese label (规章, 废止…); blank is `default`."""

    def clean(value):
        text = _text(value)
        if not text:
            return default
        for code, label in choices:
            if text in (code, label):
                return code
        raise RowError(f"“{text}”应为：{' / '.join(label for _, label in choices)}")

    return clean


class CategoryLookup:
    """Every category, loaded once, found by slug or by Chinese name."""

    def __init__(self):
        categories = list(Category.objects.all())
        self.by_slug = {category.slug: category for category in categories}
        name_counts = Counter(category.name for category in categories)
        self.by_name = {category.name: category for category in categories if name_counts[category.name] == 1}
        self.shared_names = {name for name, count in name_counts.items() if count > 1}

    def find(self, value):
        """The category named by `value`; None when blank."""
        text = _text(value)
        if not text:
            return None
        category = self.by_slug.get(text) or self.by_name.get(text)
        if category is not None:
            return category
        if text in self.shared_names:
            raise RowError(f"有多个分类名为“{text}”，请改用分类的网址标识")
        raise RowError(f"没有名为“{text}”的分类")


CLEANERS = {
    "index_number": _text,
    "title": _text,
    "publisher": _text,
    "published": parse_date,
    "doc_number": _text,
    "written": parse_date,
    "source_url": clean_url,
    "body": text_to_rich_text,
    "summary": _text,
    "subject_words": _text,
    "document_kind": choice_of(
        DisclosureItemPage.DocumentKind.choices, DisclosureItemPage.DocumentKind.OTHER
    ),
    "validity": choice_of(DisclosureItemPage.Validity.choices, DisclosureItemPage.Validity.IN_FORCE),
    "invalid_from": parse_date,
}


def clean_row(values, categories):
    """Model field values for the columns the row has; InvalidRow lists every bad value."""
    cleaners = {**CLEANERS, "category": categories.find}
    fields, errors = {}, []
    for column in COLUMNS:
        if column not in values and column not in REQUIRED_COLUMNS:
            continue
        value = values.get(column)
        if column in REQUIRED_COLUMNS and not _text(value):
            errors.append((column, "不能为空"))
            continue
        try:
            _check_storable(value)
            fields[column] = _check_length(column, cleaners[column](value))
        except RowError as error:
            errors.append((column, str(error)))
    if errors:
        raise InvalidRow(errors)
    return fields


def _check_storable(value):
    if isinstance(value, str) and unstorable(value):
        raise RowError("含有无法保存的字符（空字符或不成对的代理字符），请删除后重新导入")


def normalised(index_number):
    """Index numbers are the same whatever their case and surrounding spaces: `…874p ` is `…874P`."""
    return _text(index_number).casefold()


def _check_length(column, value):
    limit = getattr(DisclosureItemPage._meta.get_field(column), "max_length", None)
    if limit and isinstance(value, str) and len(value) > limit:
        raise RowError(f"长度为 {len(value)} 个字符，超过上限 {limit} 个字符")
    return value


def _validation_errors(error):
    """The model's own validation (Page.full_clean) as (column or None, message) pairs."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    return [
        (None if name == NON_FIELD_ERRORS else name, message)
        for name, messages in by_field.items()
        for message in messages
    ]


def slug_base(index_number):
    """An ASCII slug from the index number: `000014349/2019-00001` → `000014349-2019-00001`."""
    return re.sub(r"[^0-9a-z]+", "-", index_number.lower()).strip("-") or "item"


class CatalogueImporter:
    """Creates or updates items row by row; holds the lookups that keep 10 000 rows cheap."""

    def __init__(self, default_category):
        _, _, self.catalogue, _ = ensure_site_structure()
        self.categories = CategoryLookup()
        try:
            self.default_category = self.categories.find(default_category)
        except RowError as error:
            raise ImportFileError(f"默认分类无效：{error}。") from None
        self.slugs = set(self.catalogue.get_children().values_list("slug", flat=True))
        self.first_lines = {}
        self.counts = Counter()
        self._items_by_number = None

    def import_row(self, row):
        """Import one row in its own transaction; return its errors as (column or None, message)."""
        try:
            outcome = self._import(row)
        except InvalidRow as invalid:
            self.counts["failed"] += 1
            return invalid.errors
        self.counts[outcome] += 1
        return []

    def _import(self, row):
        if row.error:
            raise InvalidRow([(None, row.error)])
        self._check_not_repeated(row)
        fields = clean_row(row.values, self.categories)
        try:
            with transaction.atomic():
                return self._upsert(fields)
        except RowError as error:
            raise InvalidRow([(None, str(error))]) from error
        except ValidationError as error:
            raise InvalidRow(_validation_errors(error)) from error
        except DatabaseError as error:  # IntegrityError, DataError: the row's transaction alone is undone
            raise InvalidRow([(None, f"数据库拒绝保存：{error}")]) from error

    def _check_not_repeated(self, row):
        index_number = _text(row.values.get("index_number"))
        first_line = self.first_lines.setdefault(normalised(index_number), row.line)
        if index_number and first_line != row.line:
            raise InvalidRow([("index_number", f"索引号“{index_number}”与第 {first_line} 行重复")])

    def _upsert(self, fields):
        known = self.items_by_number.get(normalised(fields["index_number"]))
        item = (
            DisclosureItemPage.objects.select_related("category").filter(pk=known).first() if known else None
        )
        if item is None:
            self._create(fields)
            return "created"
        fields["index_number"] = item.index_number  # an item keeps its number as first written
        return self._update(item, fields)

    def _create(self, fields):
        fields["category"] = fields.get("category") or self.default_category
        fields["formed"] = fields.get("written") or fields["published"]
        item = DisclosureItemPage(slug=self._new_slug(fields["index_number"]), live=False, **fields)
        self.catalogue.add_child(instance=item)
        # (should this row's transaction be undone, the pk finds nothing and the number is new again)
        self.items_by_number[normalised(item.index_number)] = item.pk
        # Imported items were published before, elsewhere: publish them as they come, keeping
        # their index number and publication date (see DisclosureItemPage.with_content_json).
        with authorised_publication(PUBLICATION_AUTHORITY):
            item.save_revision().publish()

    def _update(self, item, fields):
        if fields.get("category") is None:
            fields.pop("category", None)  # no category in the file: keep the item's own
        fields["formed"] = fields.get("written", item.written) or fields["published"]
        changes = {name: value for name, value in fields.items() if getattr(item, name) != value}
        if not changes:
            return "unchanged"
        if item.locked:
            raise RowError("该事项已被锁定（可能正在审核），未更新")
        for name, value in changes.items():
            setattr(item, name, value)
        revision = item.save_revision()
        if item.live:  # an item withdrawn by the office keeps the change as a draft
            with authorised_publication(PUBLICATION_AUTHORITY):
                revision.publish()
        return "updated"

    def _new_slug(self, index_number):
        base = slug_base(index_number)
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        return slug

    @property
    def items_by_number(self):
        """Every item's primary key by its normalised index number, read once per import."""
        if self._items_by_number is None:
            numbers = DisclosureItemPage.objects.values_list("index_number", "pk")
            self._items_by_number = {normalised(number): pk for number, pk in numbers if number}
        return self._items_by_number
