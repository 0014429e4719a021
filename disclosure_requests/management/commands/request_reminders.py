import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclosure_requests.reminders import send_due_reminders
from disclosure_requests.services import overdue_requests, unregistered_requests


class Command(BaseCommand):
    help = (
        "向经办人发送依申请公开答复期限提醒（到期前5、2个工作日及当日），并列出超期和未登记的申请；可重复运行"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        self.stdout.write(f"{today:%Y-%m-%d}：检查答复期限……")

        def progress(sent):
            names = (
                "、".join(p.get_full_name() or p.get_username() for p in sent.recipients) or "未指定经办人"
            )
            self.stdout.write(f"  {sent.request.tracking_number} 期限 {sent.request.due_date} → 提醒 {names}")

        sent = send_due_reminders(today, progress)
        self.stdout.write(f"发送提醒 {len(sent)} 条（已发过的不再重复）。")
        overdue, unregistered = overdue_requests(today), unregistered_requests(today)
        for request in overdue.order_by("due_date"):
            self.stdout.write(f"  超期未答复：{request.tracking_number} 期限 {request.due_date}")
        for request in unregistered.order_by("submitted_at"):
            self.stdout.write(
                f"  超时未登记：{request.tracking_number} 提交于 {timezone.localdate(request.submitted_at)}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"超期未答复 {overdue.count()} 件，超时未登记 {unregistered.count()} 件。")
        )
