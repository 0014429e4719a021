from django.core.management.base import BaseCommand

from cms_pages.setup import ensure_site_structure


class Command(BaseCommand):
    help = "建立网站骨架：机关、首页、公开目录和各角色用户组（可重复运行，不含演示内容）。"

    def handle(self, *args, **options):
        agency, home, catalogue, groups = ensure_site_structure()
        self.stdout.write(
            self.style.SUCCESS(
                f"已就绪：{agency.name}，首页“{home.title}”，{catalogue.title}，用户组 {len(groups)} 个。"
            )
        )
