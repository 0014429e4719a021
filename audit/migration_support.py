"""For the data migrations that move an app's old history rows into the one audit trail."""

from .trail import ACTION


def copy_to_trail(apps, model_label, object_id, title, timestamp, user_id, data, revision_id=None):
    """Write one log entry in a migration, where Wagtail's `log()` and the real models are not available."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    app_label, model = model_label.lower().split(".")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    data = {"step": "", "decision": "", "decision_label": "", "text": "", "changes": [], **data}
    return ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=str(object_id),
        label=title or model_label,
        action=ACTION,
        timestamp=timestamp,
        user_id=user_id,
        data=data,
        revision_id=revision_id,
    )
