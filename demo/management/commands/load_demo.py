from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import account_lines, load_demo_content


class Command(BaseCommand):
    help = "载入演示内容：十项制度、各分类示例信息、公开指南、机构与演示账号（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--list-accounts", action="store_true", help="只列出演示账号")

    def handle(self, *args, list_accounts=False, **options):
        if list_accounts:
            self.stdout.write("\n".join(account_lines()))
            return
        if not settings.GONGKAI_DEMO_ALLOWED:
            raise CommandError("生产环境不载入演示内容和演示账号（需设置 GONGKAI_DEMO_ALLOWED=1）。")
        created = load_demo_content()
        self.stdout.write(
            self.style.SUCCESS(
                "演示内容已就绪：新建页面 {pages} 个，制度 {regulation_items} 条，示例信息 {sample_items} 条。".format(
                    **created
                )
            )
        )
