"""Delete the attachments of intake forms that were checked but never confirmed; run daily from cron."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from disclosure_requests.intake import abandoned_uploads
from disclosure_requests.models import private_storage


class Command(BaseCommand):
    help = "删除来件登记时“核对”已保存、但始终未确认登记的附件（默认24小时以前的）；可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="只删除这么多小时以前保存的附件，默认24")
        parser.add_argument("--dry-run", action="store_true", help="只列出将删除的附件，不删除")

    def handle(self, *args, hours, dry_run, **options):
        if hours < 0:
            raise CommandError("--hours 不能为负数。")
        self.stdout.write(f"查找{hours}小时以前保存、未确认登记的附件……")
        paths = list(abandoned_uploads(datetime.timedelta(hours=hours)))
        for path in paths:
            self.stdout.write(f"  {'将删除' if dry_run else '删除'} {path}")
            if not dry_run:
                private_storage().delete(path)
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(paths)} 个附件。"))
