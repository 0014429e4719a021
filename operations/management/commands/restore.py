"""`manage.py restore PATH`: a backup into an empty installation (operations.backup)."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "把 backup 写出的归档恢复到一个空的安装（先运行 migrate）；非空的安装须加 --force，其内容将被覆盖"

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup 命令写出的备份文件")
        parser.add_argument("--force", action="store_true", help="当前安装已有内容时也恢复（覆盖现有数据）")

    def handle(self, *args, path, force, **options):
        try:
            restore_backup(path, force=force, report=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(f"恢复失败：{error}") from error
