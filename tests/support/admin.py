"""What the admin answers: Wagtail refuses a signed-in user without the right by a redirect to its dashboard
(with a message), and sends an anonymous visitor to its login page."""

REFUSED_BY_ADMIN = (302, "/admin/")


def outcome(response):
    """(status code, where it redirects to): compare with REFUSED_BY_ADMIN or an exact login redirect."""
    return response.status_code, response.get("Location")
