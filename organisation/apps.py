from django.apps import AppConfig

from .names import use_family_name_first


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "机构与人员"

    def ready(self):
        use_family_name_first()
