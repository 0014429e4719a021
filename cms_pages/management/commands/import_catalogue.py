from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms_pages.importers import (
    COLUMNS,
    CatalogueImporter,
    ImportFileError,
    file_format_for,
    read_rows,
    survey,
)


class Command(BaseCommand):
    help = (
        "从 JSON Lines、CSV（UTF-8）或 XLSX 文件导入公开事项，按索引号新建或更新并直接发布。"
        f"列：{'、'.join(COLUMNS)}；前四列必填。重复导入同一文件不会产生变化。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="要导入的文件")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=["jsonl", "csv", "xlsx"],
            help="文件格式；默认按扩展名判断",
        )
        parser.add_argument(
            "--default-category",
            default="policy",
            help="没有 category 列或该列为空时新建事项所用的分类（网址标识或名称），默认 policy",
        )
        parser.add_argument(
            "--progress-every", type=int, default=100, help="每处理多少行显示一次进度，默认 100"
        )

    def handle(self, *args, file, file_format, default_category, progress_every, verbosity, **options):
        if progress_every < 1:
            raise CommandError("--progress-every 必须是正整数。")
        path = Path(file)
        try:
            file_format = file_format or file_format_for(path)
            total = self.check_file(path, file_format)
            importer = CatalogueImporter(default_category)
            for done, row in enumerate(read_rows(path, file_format), start=1):
                for column, message in importer.import_row(row):
                    self.stderr.write(row_error_message(row.line, column, message))
                if verbosity and (done % progress_every == 0 or done == total):
                    self.stdout.write(f"已处理 {done}/{total}")
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        self.report(importer.counts, verbosity)

    def check_file(self, path, file_format):
        """Read the whole file once before importing anything; return its number of rows."""
        total, unknown_columns = survey(path, file_format)
        if unknown_columns:
            self.stderr.write(f"忽略未知的列：{'、'.join(unknown_columns)}")
        return total

    def report(self, counts, verbosity):
        if verbosity:
            self.stdout.write(
                f"导入完成：新建 {counts['created']} 条，更新 {counts['updated']} 条，"
                f"无变化 {counts['unchanged']} 条，失败 {counts['failed']} 条。"
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} 行未能导入，其余各行已导入；改正后可重新导入整个文件。")


def row_error_message(line, column, message):
    if column is None:
        return f"第 {line} 行：{message}"
    return f"第 {line} 行，列 {column}：{message}"
