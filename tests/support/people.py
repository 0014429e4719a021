"""The office's people, by their demo usernames (xinxiyuan, kezhang, fenguan, zonghe, …)."""

from django.contrib.auth import get_user_model


def user(username):
    return get_user_model().objects.get(username=username)
