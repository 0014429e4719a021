from django.apps import AppConfig


class PublicationReviewConfig(AppConfig):
    """The review before publication (rules 1, 3, 4, 8). Its label stays `flows`: tables and migrations keep their names."""

    name = "publication_review"
    label = "flows"
    verbose_name = "审批流程"

    def ready(self):
        from workflow import registry

        from .flows import ConsultationFlow, NewsReviewFlow, PublicationReviewFlow
        from .kinds import ConsultationKind, ReviewKind

        registry.register(PublicationReviewFlow, ReviewKind())
        registry.register(NewsReviewFlow, ReviewKind())
        registry.register(ConsultationFlow, ConsultationKind())
