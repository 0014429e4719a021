"""/favicon.ico, which browsers ask for at the root whatever the page's <link rel="icon"> says."""

from pathlib import Path

from django.http import FileResponse

FAVICON = Path(__file__).parent / "static" / "favicon.ico"


def favicon(request):
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
