"""The following app's part of the account home (registered in ``FollowingConfig.ready``)."""

from following.models import DigestSetting, Follow


def notifications_section(request) -> dict:
    """Whether the weekly digest is on and how many things the person follows."""
    return {
        "template": "following/account_section.html",
        "context": {
            "weekly": DigestSetting.objects.filter(user=request.user, weekly=True).exists(),
            "follows": Follow.objects.filter(user=request.user).count(),
        },
    }
