"""`manage.py backup PATH`: the database, public media and private files in one archive (operations.backup)."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "把数据库、公开媒体文件和私有文件备份到一个归档文件（.tar.gz）；个人信息保持加密，恢复时须用同一密钥"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径，如 /srv/backup/gongkai-2026-10-23.tar.gz")

    def handle(self, *args, path, **options):
        try:
            write_backup(path, report=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(f"备份失败：{error}") from error
