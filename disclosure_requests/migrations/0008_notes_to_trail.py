"""The handling record (HandlingNote) moves into the one audit trail (audit.trail, DESIGN 9)."""

from django.db import migrations

from audit.migration_support import copy_to_trail

# The flow node (or other step) behind each title a note was recorded under.
STEP_OF_LABEL = {
    "来件登记": "intake",
    "综合科登记": "register",
    "审查申请是否完整": "review_completeness",
    "等待申请人补正": "await_supplement",
    "视为未申请": "deemed_withdrawn",
    "交承办科室": "assign_section",
    "承办科室拟定答复": "draft_answer",
    "发出征求第三方意见书": "send_third_party_letter",
    "登记第三方意见": "third_party_reply",
    "分管领导审批延期": "approve_extension",
    "决定费用减免": "decide_fee_waiver",
    "分管领导审批答复": "leader_approval",
    "出具答复书": "issue_answer",
    "送达": "deliver",
    "期限提醒": "reminder",
}


def notes_to_trail(apps, schema_editor):
    HandlingNote = apps.get_model("disclosure_requests", "HandlingNote")
    for note in HandlingNote.objects.select_related("request").order_by("created_at", "pk"):
        copy_to_trail(
            apps,
            "disclosure_requests.DisclosureRequest",
            note.request_id,
            f"{note.request.tracking_number} {note.request.name}",
            note.created_at,
            note.author_id,
            {"step": STEP_OF_LABEL.get(note.step, ""), "step_label": note.step, "text": note.text},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure_requests", "0007_private_storage"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(notes_to_trail, migrations.RunPython.noop)]
