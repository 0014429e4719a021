"""The roles of SPEC's people table, as Wagtail groups with their permissions.

Publishing rights on pages cover the guide and other plain pages; disclosure items themselves
go live only through the review process (cms_pages/publication.py).

Role codes are the names used in code (GLOSSARY); the group names are what people see.
`ensure_roles` is idempotent: it is run on install, by the demo loader and by the importer.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str
    page_permissions: tuple = ()
    model_permissions: tuple = ()
    document_permissions: tuple = field(default=())  # (collection name or None for the root, verbs)


EDIT_PAGES = ("add_page", "change_page")
PUBLISH_PAGES = (*EDIT_PAGES, "publish_page")

# Files by collection (issue 13): attachments of disclosure items in 公开附件; approval documents,
# consultation replies and other internal files in 内部材料 (or the root), which only 综合科 manages.
PUBLIC_FILES = "公开附件"
INTERNAL_FILES = "内部材料"
COLLECTIONS = (PUBLIC_FILES, INTERNAL_FILES)
USE_FILES = ("add", "change", "choose")
ITEM_FILES = ((PUBLIC_FILES, USE_FILES), (INTERNAL_FILES, ("add", "choose")))
ALL_FILES = ((None, USE_FILES),)  # None: the root collection, and so every collection
MANAGE_REFERENCE_DATA = (
    "cms_pages.add_category",
    "cms_pages.change_category",
    "cms_pages.add_channel",
    "cms_pages.change_channel",
    "cms_pages.change_disclosuresettings",
    "organisation.add_department",
    "organisation.change_department",
    "organisation.add_countyoffice",
    "organisation.change_countyoffice",
    "organisation.change_agency",
    "workdays.add_calendarday",
    "workdays.change_calendarday",
    "workdays.delete_calendarday",
    "workdays.add_calendaryear",
    "workdays.change_calendaryear",
    "workdays.change_timelimits",
    "letters.view_letter",
    "letters.change_letter",
    "letters.change_lettertemplate",
)

# Everyone taking part in a review sees its processes (viewflow filters inboxes by this right).
SEE_REVIEWS = ("flows.view_publicationreview", "withdrawals.view_withdrawal")
# 撤回公开: 信息员 and 综合科 request it with a reason; the section head reviews, 综合科 approves.
REQUEST_WITHDRAWAL = ("withdrawals.request_withdrawal",)

# Disclosure requests (rule 2): 综合科 receives and registers them and sees applicants' personal data
# in full; sections and leaders see the register (personal data masked unless they handle the request).
SEE_REQUESTS = ("disclosure_requests.view_disclosurerequest", "disclosure_requests.view_requestprocess")
HANDLE_REQUESTS = (
    *SEE_REQUESTS,
    "disclosure_requests.add_disclosurerequest",
    "disclosure_requests.change_disclosurerequest",
    "disclosure_requests.view_personal_data",
    "disclosure_requests.change_requestpolicy",
    "disclosure_requests.register_request",
    "disclosure_requests.decide_fee_waiver",
)

# Clarification (rule 9): anyone on staff registers suspected false information and sees the cases;
# 综合科 records other units' consent and the prefecture government's approval; the main leader approves.
CLARIFY = ("clarifications.view_clarification", "clarifications.add_clarification")

# Accountability (rule 10): 综合科 runs the register of cases and complaints and the dashboard;
# assessment (rule 7): the leading group sets the year's scheme and scores, 综合科 sees the results.
RUN_REGISTER = (
    "accountability.view_accountabilitycase",
    "accountability.add_accountabilitycase",
    "accountability.change_accountabilitycase",
    "accountability.view_complaint",
    "accountability.add_complaint",
    "accountability.change_complaint",
    "accountability.change_accountabilitysettings",
    "accountability.view_dashboard",
    "accountability.view_assessmentscheme",
)
SET_ASSESSMENT = (
    "accountability.view_assessmentscheme",
    "accountability.add_assessmentscheme",
    "accountability.change_assessmentscheme",
    "accountability.score_assessment",
    "accountability.view_accountabilitycase",
)

# The leading group coordinates accountability (制度十第五条): it edits cases and alone reports them on
# to the supervisory organ, superior organs, the office meeting or the party group (制度八第八条、十第四至六条).
COORDINATE_ACCOUNTABILITY = ("accountability.change_accountabilitycase", "accountability.transfer_case")

# The annual report (rule 5): 综合科 drafts, submits and publishes it and keeps the register of
# reconsideration and litigation cases; the leading group and the main leader approve it.
SEE_ANNUAL_REPORTS = ("annual_report.view_annualreportprocess", "annual_report.view_annualreport")
DRAFT_ANNUAL_REPORT = (
    *SEE_ANNUAL_REPORTS,
    "annual_report.draft_annual_report",
    "annual_report.change_reportpolicy",
    "annual_report.add_legalcase",
    "annual_report.change_legalcase",
    "annual_report.view_legalcase",
)
APPROVE_ANNUAL_REPORT = (*SEE_ANNUAL_REPORTS, "annual_report.approve_annual_report")

ROLES = (
    Role(
        "information_officer",
        "信息员",
        EDIT_PAGES,
        (*SEE_REVIEWS, *REQUEST_WITHDRAWAL, *SEE_REQUESTS, *CLARIFY),
        ITEM_FILES,
    ),
    Role("section_head", "科室负责人", model_permissions=(*SEE_REVIEWS, *SEE_REQUESTS, *CLARIFY)),
    Role(
        "leader_in_charge",
        "分管领导",
        model_permissions=(*SEE_REVIEWS, *SEE_REQUESTS, *CLARIFY, "flows.approve_publicity"),
    ),
    Role(
        "general_office",
        "综合科",
        PUBLISH_PAGES,
        (
            *MANAGE_REFERENCE_DATA,
            *SEE_REVIEWS,
            *REQUEST_WITHDRAWAL,
            "withdrawals.approve_withdrawal",
            *HANDLE_REQUESTS,
            *CLARIFY,
            "flows.collect_review",
            "workflow.cover_as_general_office",
            "clarifications.coordinate_clarification",
            *RUN_REGISTER,
            *DRAFT_ANNUAL_REPORT,
        ),
        ALL_FILES,
    ),
    Role(
        "confidentiality_group",
        "保密工作领导小组",
        model_permissions=(*SEE_REVIEWS, *CLARIFY, "flows.approve_confidentiality"),
    ),
    Role(
        "main_leader",
        "主要领导",
        model_permissions=(
            *SEE_REVIEWS,
            *SEE_REQUESTS,
            *CLARIFY,
            "flows.approve_major",
            "workflow.cover_as_main_leader",
            "clarifications.approve_clarification",
            *APPROVE_ANNUAL_REPORT,
        ),
    ),
    Role(
        "publishing_officer",
        "信息发布员",
        PUBLISH_PAGES,
        (*SEE_REVIEWS, *CLARIFY, "flows.post_news"),
        ((PUBLIC_FILES, USE_FILES),),
    ),
    Role(
        "leading_group",
        "政务公开领导小组",
        model_permissions=(
            *SEE_REVIEWS,
            *CLARIFY,
            *SET_ASSESSMENT,
            *APPROVE_ANNUAL_REPORT,
            *COORDINATE_ACCOUNTABILITY,
            "flows.decide_coordination",
        ),
    ),
)
ROLES_BY_CODE = {role.code: role for role in ROLES}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles(site_root_page):
    """Create or complete every role group; page rights apply to the site's whole tree."""
    access_admin = _permission("wagtailadmin.access_admin")
    collections = ensure_collections()
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        group.permissions.add(access_admin, *(_permission(name) for name in role.model_permissions))
        for codename in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=site_root_page, permission=_permission(f"wagtailcore.{codename}")
            )
        grant_collections(group, role, collections)
        groups[role.code] = group
    return groups


def ensure_collections():
    """The root and the file collections under it, by name (None for the root)."""
    root = Collection.get_first_root_node()
    collections = {None: root}
    for name in COLLECTIONS:
        collections[name] = root.get_children().filter(name=name).first() or root.add_child(name=name)
    return collections


FILE_MODELS = (("wagtaildocs", "document"), ("wagtailimages", "image"))


def grant_collections(group, role, collections):
    """Exactly the role's file rights: rights granted by earlier versions elsewhere (the root) are taken back."""
    wanted = set()
    for collection_name, verbs in role.document_permissions:
        for verb in verbs:
            for app_label, model in FILE_MODELS:
                permission = _permission(f"{app_label}.{verb}_{model}")
                wanted.add((collections[collection_name].pk, permission.pk))
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collections[collection_name], permission=permission
                )
    file_rights = GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label__in=[app for app, _ in FILE_MODELS]
    )
    for granted in file_rights:
        if (granted.collection_id, granted.permission_id) not in wanted:
            granted.delete()
