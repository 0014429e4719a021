"""Open accountability cases for the breaches the system sees itself (S10.3); run daily from cron."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from accountability.detection import check_breaches


class Command(BaseCommand):
    help = "检查超期未公开、超期未答复、逾期未登记、变更未公开、投诉未办结，自动立案并办结已整改的案件"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天检查（YYYY-MM-DD），默认今天")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        counts = check_breaches(today, report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：新立案 {counts['opened']} 件，办结 {counts['closed']} 件，"
                f"标记逾期未整改 {counts['award_lost']} 件。"
            )
        )
