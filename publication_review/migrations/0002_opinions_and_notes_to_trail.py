"""Review opinions (ReviewOpinion) and consultation steps (ConsultationNote) move into the one audit trail."""

from django.db import migrations

from audit.migration_support import copy_to_trail

DECISION_LABELS = {
    "approve": "同意",
    "return": "退回修改",
    "refer": "报保密部门确定",
    "submit": "报送",
    "answer": "保密部门意见",
    "escalate": "报主要领导审查",
}
KIND_LABELS = {"consultation": "征求意见", "joint": "联合形成会签"}
# The consultation flow's node behind each step a note was recorded under.
STEP_OF_LABEL = {
    "发送征求意见函": "send_letter",
    "登记书面复函": "record_reply",
    "催办复函": "chase_reply",
    "业务科室沟通协商": "negotiate",
    "领导小组报请州主管部门协调": "refer_to_authority",
    "登记州主管部门协调结果": "authority_answer",
}


def opinions_to_trail(apps, schema_editor):
    ReviewOpinion = apps.get_model("flows", "ReviewOpinion")
    for opinion in ReviewOpinion.objects.select_related("review__page").order_by("decided_at", "pk"):
        copy_to_trail(
            apps,
            "flows.PublicationReview",
            opinion.review_id,
            opinion.review.page.title,
            opinion.decided_at,
            opinion.reviewer_id,
            {
                "step": opinion.step,
                "step_label": opinion.step_label,
                "decision": opinion.decision,
                "decision_label": DECISION_LABELS.get(opinion.decision, opinion.decision),
                "text": opinion.opinion,
            },
            revision_id=opinion.revision_id,
        )


def notes_to_trail(apps, schema_editor):
    ConsultationNote = apps.get_model("flows", "ConsultationNote")
    for note in ConsultationNote.objects.select_related("consultation").order_by("created_at", "pk"):
        consultation = note.consultation
        copy_to_trail(
            apps,
            "flows.Consultation",
            consultation.pk,
            f"{KIND_LABELS.get(consultation.kind, consultation.kind)}：{consultation.agency}",
            note.created_at,
            note.author_id,
            {"step": STEP_OF_LABEL.get(note.step_label, ""), "step_label": note.step_label, "text": note.text},
        )


def move_to_trail(apps, schema_editor):
    opinions_to_trail(apps, schema_editor)
    notes_to_trail(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("flows", "0001_squashed_0002_field_help_text"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_to_trail, migrations.RunPython.noop)]
