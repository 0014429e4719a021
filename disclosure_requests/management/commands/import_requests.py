from django.core.management.base import BaseCommand, CommandError

from disclosure_requests.importing import ImportFileError, import_requests


class Command(BaseCommand):
    help = "从 CSV 或 XLSX 导入历史依申请公开台账（按申请编号去重，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="台账文件：CSV（UTF-8）或 XLSX")

    def handle(self, *args, **options):
        try:
            result = import_requests(options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError(f"{len(result.errors)} 行有误，未导入任何记录；请修改后重新运行。")
        self.stdout.write(f"导入完成：新增 {result.created} 条，更新 {result.updated} 条。")
