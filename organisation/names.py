"""People's names family name first (李信息), wherever Django or Wagtail shows a user.

Django's `get_full_name()` puts the given name first ("信息 李"); Wagtail's avatars, menus, listings and
history read it. Replacing it on the user model once makes every one of them read 李信息.
"""

import re

from django.contrib.auth import get_user_model

LATIN = re.compile(r"[A-Za-z]")


def family_name_first(user):
    """李信息 for Chinese names (no space), "Smith John" when either part is in Latin letters."""
    family, given = user.last_name.strip(), user.first_name.strip()
    separator = " " if LATIN.search(family + given) else ""
    return separator.join(part for part in (family, given) if part)


def use_family_name_first():
    get_user_model().get_full_name = family_name_first
