"""Nothing reaches the public site around the review (SPEC S4.1, DESIGN.md decision 1).

A disclosure item goes live only inside `authorised_publication(...)`: the review process's last
step, the catalogue importer (items published before, elsewhere) and the demo loader. Every other
way — the admin's publish button, a direct POST, the API, code calling `publish()` — is refused.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied

_authority = ContextVar("publication_authority", default=None)

REFUSAL = "公开事项须经保密审查流程批准后发布（先审查、后发布）。"


@contextmanager
def authorised_publication(authority):
    """Allow items to go live within this block; `authority` says why (for the audit trail)."""
    token = _authority.set(authority)
    try:
        yield
    finally:
        _authority.reset(token)


def current_authority():
    return _authority.get()


def check_publication_allowed():
    if current_authority() is None:
        raise PermissionDenied(REFUSAL)
