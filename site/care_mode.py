"""关怀版 (elder-friendly mode): larger text, stronger contrast, wider spacing and a simpler header.

The visitor's choice is a cookie, switched by plain links (no JavaScript) that lead back to the page they
were on; the page cache keys on it (`page_cache`), so each mode is stored apart.
"""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE = "care_mode"
ON = "1"
ONE_YEAR = 365 * 24 * 60 * 60


def is_on(request):
    return request.COOKIES.get(COOKIE) == ON


def context(request):
    return {"care_mode": is_on(request)}


def switch_on(request):
    response = HttpResponseRedirect(_back(request))
    response.set_cookie(COOKIE, ON, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    return response


def switch_off(request):
    response = HttpResponseRedirect(_back(request))
    response.delete_cookie(COOKIE, samesite="Lax")
    return response


def _back(request):
    """The page the visitor came from (`next`, else the referrer) when it is on this site, else the home page."""
    for candidate in (request.GET.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "/"
