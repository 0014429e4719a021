"""Nothing reaches, changes or leaves the public site around its review (SPEC S4.1, DESIGN.md 1, 10).

A disclosure item goes live, gets a new live revision, is scheduled, unpublished, deleted or moved
only inside `authorised_publication(...)`: the review process's last step, the withdrawal process
(撤回公开), scheduled publication of a reviewed revision, the catalogue importer (items published
before, elsewhere) and the demo loader. Every other way — the admin's buttons, a direct POST, bulk
actions, code calling `publish()` — is refused (`cms_pages/guards.py` says where).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied

_authority = ContextVar("publication_authority", default=None)

REFUSAL = "公开事项须经保密审查流程批准后发布（先审查、后发布）。"
TAKEDOWN_REFUSAL = "公开事项的撤回、下线、删除或移出公开目录，须提出“撤回公开”申请并经审核批准。"
DOCUMENT_REFUSAL = (
    "该文件是已发布或审核中的公开事项的附件，不能修改、替换或删除；请在公开事项中更换附件后重新报送审查。"
)


class PublicationRefused(PermissionDenied):
    """A change to public information that no review authorised."""


@contextmanager
def authorised_publication(authority):
    """Allow items to go live, change or leave within this block; `authority` says why."""
    token = _authority.set(authority)
    try:
        yield
    finally:
        _authority.reset(token)


def current_authority():
    return _authority.get()


def check_publication_allowed(message=REFUSAL):
    if current_authority() is None:
        raise PublicationRefused(message)
