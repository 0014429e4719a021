"""The register's history is appended, never edited or deleted: its log entries refuse deletion."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied


def keep_case_history(sender, instance, **kwargs):
    case_type = ContentType.objects.get_by_natural_key("accountability", "accountabilitycase")
    if instance.content_type_id == case_type.pk:
        raise PermissionDenied("案件记录不得删除。")
