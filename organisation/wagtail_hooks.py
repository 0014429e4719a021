from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, CountyOffice, Department


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "home"
    menu_label = "机关"
    list_display = ["name", "short_name", "credit_code"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "科室、中心"
    list_display = ["name", "kind", "information_officer", "head", "leader_in_charge"]
    list_filter = ["kind", "agency"]
    search_fields = ["name"]


class CountyOfficeViewSet(SnippetViewSet):
    model = CountyOffice
    icon = "globe"
    menu_label = "县市扶贫办"
    list_display = ["name", "county", "contact_person", "phone"]
    search_fields = ["name", "county"]


class OrganisationGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, DepartmentViewSet, CountyOfficeViewSet)
    menu_icon = "group"
    menu_label = "机构与人员"
    menu_order = 170


register_snippet(OrganisationGroup)
