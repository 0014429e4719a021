"""Private files (DESIGN.md decision 12): letters, applicants' uploads and Wagtail's documents.

They live in one storage outside MEDIA_ROOT (`GONGKAI_PRIVATE_ROOT`) and leave it only through the views
below, after a check of the right: staff with the right for that record, or the applicant with the
tracking number and access code (posted, or sent in headers; never in the address). The file itself
is sent by nginx (`X-Accel-Redirect`) or Apache/lighttpd (`X-Sendfile`) when one is configured, else
streamed from here.
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

NO_PUBLIC_ADDRESS = "私有文件没有公开地址，只能经权限检查后下载。"
# Wagtail's document model has no storage option, and some documents are internal (复函, 证明材料):
# the public media storage keeps this folder in the private root.
DOCUMENTS_FOLDER = "documents/"
# The status page remembers the request whose number and code were posted to it (disclosure_requests.views).
STATUS_SESSION_KEY = "disclosure_request_seen"
REQUEST_FILES = {
    "power_of_attorney": "DisclosureRequest",
    "fee_waiver_proof": "DisclosureRequest",
    "correction_evidence": "DisclosureRequest",
    "supplement_file": "RequestProcess",
}


class PrivateStorage(FileSystemStorage):
    """`GONGKAI_PRIVATE_ROOT`, read each time (so a test or a restore may move it); nothing in it has a URL."""

    @property
    def base_location(self):
        return settings.GONGKAI_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError(NO_PUBLIC_ADDRESS)


_private_storage = PrivateStorage()


def private_storage():
    """The private storage; model fields name this function, so migrations hold no path."""
    return _private_storage


class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT, public (images, annual reports), except Wagtail's documents, kept in the private root."""

    def path(self, name):
        if name.startswith(DOCUMENTS_FOLDER):
            return _private_storage.path(name)
        return super().path(name)

    def _save(self, name, content):
        if name.startswith(DOCUMENTS_FOLDER):
            return _private_storage._save(name, content)
        return super()._save(name, content)

    def url(self, name):
        if name and name.startswith(DOCUMENTS_FOLDER):
            raise NotImplementedError(NO_PUBLIC_ADDRESS)
        return super().url(name)


def file_response(field_file, filename, *, inline=False):
    """`field_file` as a download named `filename`, sent by the proxy when one is configured."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404("文件不存在。")
    full_path = field_file.path
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    within_root = os.path.relpath(full_path, _private_storage.location)
    if settings.GONGKAI_X_ACCEL_PREFIX and not within_root.startswith(".."):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(f"{settings.GONGKAI_X_ACCEL_PREFIX.rstrip('/')}/{within_root}")
    elif settings.GONGKAI_X_SENDFILE:
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = quote(full_path)  # mod_xsendfile and lighttpd unescape it
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- who may read what ---------------------------------------------------------------------------


def may_read_letters(user):
    return user.is_active and (user.has_perm("letters.view_letter") or user.has_perm("letters.change_letter"))


def applicant_request(request, tracking_number=None):
    """The request whose number and code the applicant sent with this request (body or headers), or whose
    number and code were posted to the status page in this session; None otherwise."""
    from disclosure_requests.models import DisclosureRequest
    from disclosure_requests.services import find_for_applicant

    number = (
        tracking_number or request.POST.get("tracking_number") or request.headers.get("X-Tracking-Number")
    )
    code = request.POST.get("access_code") or request.POST.get("code") or request.headers.get("X-Access-Code")
    if number and code:
        return find_for_applicant(number, code)
    seen = None if tracking_number else request.session.get(STATUS_SESSION_KEY)
    return DisclosureRequest.objects.filter(pk=seen).first() if seen else None


# -- the views ---------------------------------------------------------------------------------------


@require_GET
def staff_letter(request, letter_pk):
    """A letter, for staff with the right to the letters archive (文书)."""
    from letters.models import Letter

    if not may_read_letters(request.user):
        raise PermissionDenied
    letter = get_object_or_404(Letter, pk=letter_pk)
    return file_response(letter.pdf, letter.download_name)


@csrf_exempt  # the number and code are the credentials; no session or cookie is trusted here
@require_http_methods(["GET", "POST"])
def applicant_letter(request, letter_pk, tracking_number=None):
    """A letter to the applicant; a wrong number, a wrong code and a letter to someone else look the same."""
    from disclosure_requests import guard
    from disclosure_requests.letters import letters_for_applicant

    if (tracking_number or request.method == "POST") and not guard.allow(request, "api-status"):
        return HttpResponse(
            "查询过于频繁，请稍后再试。", status=429, content_type="text/plain; charset=utf-8"
        )
    found = applicant_request(request, tracking_number)
    match = [letter for letter in letters_for_applicant(found) if letter.pk == letter_pk] if found else []
    if not match:
        raise Http404("未找到该文书。")
    return file_response(match[0].pdf, match[0].download_name)


@require_GET
def staff_request_file(request, request_pk, field):
    """An applicant's upload, for those who see the request's personal data (综合科, its handlers)."""
    from disclosure_requests.models import DisclosureRequest

    if field not in REQUEST_FILES:
        raise Http404
    applied = get_object_or_404(DisclosureRequest, pk=request_pk)
    if not applied.can_see_personal_data(request.user):
        raise PermissionDenied
    holder = applied if REQUEST_FILES[field] == "DisclosureRequest" else getattr(applied, "process", None)
    field_file = getattr(holder, field, None)
    if not field_file:
        raise Http404
    return file_response(field_file, f"{applied.tracking_number}-{os.path.basename(field_file.name)}")


def serve_document(document, request):
    """Wagtail's document view, last in its `before_serve_document` hooks (operations.wagtail_hooks), after
    cms_pages.documents has refused whoever may not see the document."""
    return file_response(document.file, document.filename, inline=document.content_disposition == "inline")


app_name = "private_files"
urlpatterns = [
    path("letters/<int:letter_pk>/", staff_letter, name="letter"),
    path("applicant/letters/<int:letter_pk>/", applicant_letter, name="applicant_letter"),
    path("requests/<int:request_pk>/<str:field>/", staff_request_file, name="request_file"),
]
