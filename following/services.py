"""Every change to what a person follows and to their digest setting.

Following and the setting are a person's own choices: no moderation, no activity record
(they are in the person's data export instead). The digest itself is ``digest.py``.
"""

from django.core import signing
from django.db import IntegrityError, transaction

from following.models import DigestSetting, Follow
from following.targets import kind_of

_UNSUBSCRIBE_SALT = "following.unsubscribe"


def is_following(user, target) -> bool:
    """One query; ``False`` for visitors."""
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{kind_of(target): target}).exists()


def follow(*, user, target) -> Follow:
    """``user`` follows ``target`` (a public project, organisation or series); following
    again changes nothing."""
    kind = kind_of(target)
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.get_or_create(user=user, **{kind: target})
    except IntegrityError:  # the same click twice at once
        follow = Follow.objects.get(user=user, **{kind: target})
    return follow


def unfollow(*, user, target) -> bool:
    """Stop following ``target``; ``True`` if the person followed it."""
    deleted, _ = Follow.objects.filter(user=user, **{kind_of(target): target}).delete()
    return bool(deleted)


def remove_follow(*, follow: Follow) -> None:
    """Stop following, from the list on the settings page (also what is no longer public)."""
    follow.delete()


def digest_setting(user) -> DigestSetting:
    """The person's setting; an unsaved default (digest off) when they never chose."""
    return DigestSetting.objects.filter(user=user).first() or DigestSetting(user=user)


def save_digest_setting(*, user, weekly: bool, region: str) -> DigestSetting:
    setting, _ = DigestSetting.objects.update_or_create(
        user=user, defaults={"weekly": weekly, "region": region}
    )
    return setting


def unsubscribe(*, user) -> bool:
    """Switch the weekly digest off (what one follows stays); ``True`` if it was on."""
    return bool(DigestSetting.objects.filter(user=user, weekly=True).update(weekly=False))


def unsubscribe_token(user) -> str:
    """The signed token of the one-click unsubscribe link in every digest."""
    return signing.dumps(user.pk, salt=_UNSUBSCRIBE_SALT, compress=True)


def user_pk_of_token(token: str) -> int | None:
    """The account a token of :func:`unsubscribe_token` names, or ``None`` if forged."""
    try:
        value = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
