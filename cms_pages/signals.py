from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .catalogue import catalogue_changed
from .models import DisclosureItemPage


@receiver(page_published, sender=DisclosureItemPage)
@receiver(page_unpublished, sender=DisclosureItemPage)
@receiver(post_save, sender=DisclosureItemPage)
@receiver(post_delete, sender=DisclosureItemPage)
def refresh_catalogue_facets(sender, **kwargs):
    catalogue_changed()
