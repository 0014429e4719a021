from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from workdays.calendar import clear_cache
from workdays.models import CalendarDay, CalendarYear
from workdays.seeding import library_years, seed_year


class Command(BaseCommand):
    help = "从 chinese_calendar 导入法定节假日和调休上班日（可重复运行；手工录入的日子保留），并将导入的年份标为已确认。"

    def add_arguments(self, parser):
        years = library_years()
        parser.add_argument("--from", dest="first", type=int, default=2018, help="起始年份，默认 2018")
        parser.add_argument(
            "--to", dest="last", type=int, default=years[-1], help=f"截止年份，默认 {years[-1]}"
        )

    def handle(self, first, last, **options):
        covered = library_years()
        if first > last or first not in covered or last not in covered:
            raise CommandError(
                f"chinese_calendar 只有 {covered[0]}–{covered[-1]} 年的数据；"
                "其他年份请在后台“工作日历”中按国务院办公厅通知手工录入并确认。"
            )
        with transaction.atomic():
            for year in range(first, last + 1):
                imported, manual = seed_year(year, CalendarDay, CalendarYear)
                self.stdout.write(f"{year}年：导入 {imported} 天，保留手工录入 {manual} 天，已标为确认。")
        clear_cache()  # again after the commit: a reader in between may have cached the old table
        self.stdout.write(self.style.SUCCESS(f"工作日历 {first}–{last} 年导入完成。"))
