from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from wagtail.signals import page_published, page_unpublished

from .catalogue import catalogue_changed
from .models import DisclosureItemPage

# Sent with `home` once the site's skeleton exists: apps that hang pages of their own under the home
# page (the clarification notices) add them here, so the site needs no import of theirs.
site_structure_ready = Signal()


@receiver(page_published, sender=DisclosureItemPage)
@receiver(page_unpublished, sender=DisclosureItemPage)
@receiver(post_save, sender=DisclosureItemPage)
@receiver(post_delete, sender=DisclosureItemPage)
def refresh_catalogue_facets(sender, **kwargs):
    catalogue_changed()
