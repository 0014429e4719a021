"""Daily from 1 November: remind 综合科 by e-mail to enter next year's holiday arrangement (cron)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.trail import entries, record
from workdays.arrangement import year_to_ask_for
from workdays.models import CalendarYear

STEP = "calendar_reminder"


def calendar_staff():
    right = Permission.objects.get(codename="change_calendaryear", content_type__app_label="workdays")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=right) | Q(user_permissions=right) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
    )


class Command(BaseCommand):
    help = "从11月1日起每日提醒综合科录入并确认下一年度节假日安排（已确认后不再提醒）"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="按该日检查，如 2026-11-02")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        year = year_to_ask_for(today)
        if year is None:
            self.stdout.write("无需提醒：尚未到11月1日，或下一年度安排已确认。")
            return
        calendar_year, _ = CalendarYear.objects.get_or_create(year=year)
        if entries(calendar_year).filter(data__step=STEP, data__on=today.isoformat()).exists():
            self.stdout.write(f"{today:%Y-%m-%d} 已提醒过，不重复发送。")
            return
        addresses = sorted(calendar_staff().values_list("email", flat=True))
        link = settings.WAGTAILADMIN_BASE_URL + reverse("workdays_year", args=[year])
        body = (
            f"{year}年节假日安排尚未录入确认，涉及该年的期限暂按法定节假日及补假推算（暂定）。\n"
            f"国务院办公厅通知发布后，请在此录入并确认：{link}"
        )
        send_mail(f"请录入{year}年节假日安排", body, None, addresses, fail_silently=True)
        record(
            calendar_year,
            "提醒录入节假日安排",
            step=STEP,
            text=f"已提醒：{'、'.join(addresses) or '（无收件人）'}",
            on=today.isoformat(),
        )
        self.stdout.write(f"已提醒 {len(addresses)} 人录入{year}年节假日安排。")
