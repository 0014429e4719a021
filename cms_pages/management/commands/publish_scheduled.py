"""Wagtail's `publish_scheduled`, replaced (this app comes before wagtail in INSTALLED_APPS).

Same work — take expired pages down, publish revisions whose go-live time has come — with two
differences: a disclosure item's revision is published only if its review approved that revision (an
expiry date cannot take an item down: that is the withdrawal process's), and each page is done on its
own, so one failing page never stops the others. Run it every minute from cron (README).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from cms_pages.guards import publish_scheduled_revision


def expired_objects():
    models = [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    for model in models:
        yield from model.objects.filter(live=True, expire_at__lt=timezone.now()).order_by("expire_at")


def due_revisions():
    return Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")


class Command(BaseCommand):
    help = (
        "发布到达发布时间的版本（公开事项仅限经审核批准的版本），下线到期页面；某一页面失败不影响其他页面。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dryrun", "--dry-run", action="store_true", dest="dryrun", help="只列出，不改动"
        )

    def handle(self, *args, dryrun=False, **options):
        failures = 0
        for obj in list(expired_objects()):
            failures += self.attempt(f"到期下线：{obj}", dryrun, lambda obj=obj: self.expire(obj))
        for revision in list(due_revisions()):
            failures += self.attempt(
                f"定时发布：{revision.object_str}",
                dryrun,
                lambda revision=revision: publish_scheduled_revision(revision),
            )
        if failures:
            raise CommandError(f"{failures} 项未能完成，见上。")

    @staticmethod
    def expire(obj):
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")

    def attempt(self, label, dryrun, work):
        if dryrun:
            self.stdout.write(f"{label}（试运行，未改动）")
            return 0
        try:
            with transaction.atomic():
                work()
        except Exception as error:  # noqa: BLE001 - one page's failure is reported, the others go on
            self.stderr.write(f"{label}——未完成：{error}")
            return 1
        self.stdout.write(f"{label}——已完成")
        return 0
