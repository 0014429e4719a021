"""The public listing of clarification notices (澄清公告), created once under the home page."""

from cms_pages.models import HomePage

from .models import ClarificationIndexPage

INTRO = "本机关按照“涉及谁、谁澄清”的要求，对发现的虚假或不完整信息及时核实、澄清，并在此发布澄清公告。"


def ensure_notice_listing(home=None):
    listing = ClarificationIndexPage.objects.first()
    if listing is None:
        home = home or HomePage.objects.first()
        listing = home.add_child(
            instance=ClarificationIndexPage(
                title="澄清公告", slug="clarifications", intro=INTRO, show_in_menus=True
            )
        )
    return listing


def add_notice_listing(sender, home, **kwargs):
    """Receiver of `site_structure_ready`: setup_site, the importer and the demo create the listing too."""
    ensure_notice_listing(home)
