from django.apps import AppConfig


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = "审批流程"

    def ready(self):
        from . import registry
        from .flows import ConsultationFlow, NewsReviewFlow, PublicationReviewFlow

        for flow_class in (PublicationReviewFlow, ConsultationFlow, NewsReviewFlow):
            registry.register(flow_class)
