"""RSS and Atom feeds of newly published items, for the whole catalogue or one category (S1.5)."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from organisation.models import Agency

from .models import CataloguePage, Category, DisclosureItemPage

FEED_LENGTH = 30


class CatalogueRssFeed(Feed):
    description = "新发布的政府信息"

    def get_object(self, request, category=None):
        self.request = request
        return get_object_or_404(Category, slug=category) if category else None

    def title(self, category):
        base = f"{Agency.current() or ''} 政府信息公开".strip()
        return f"{base} · {category.name}" if category else base

    def link(self, category):
        catalogue = CataloguePage.objects.live().first()
        base = catalogue.url if catalogue else "/"
        return f"{base}?category={category.slug}" if category else base

    def items(self, category):
        items = DisclosureItemPage.objects.live().select_related("category")
        if category is not None:
            items = items.filter(category_id__in=category.descendant_ids())
        return items.order_by("-published", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item.published is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(item.published, datetime.time()))

    def item_categories(self, item):
        return [item.category.name]


class CatalogueAtomFeed(CatalogueRssFeed):
    feed_type = Atom1Feed
    subtitle = CatalogueRssFeed.description
