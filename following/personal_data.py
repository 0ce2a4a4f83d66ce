"""The following app's part of a person's data export (registered in ``apps.py``).

Deleting the account deletes all of it (``on_delete=CASCADE`` on every model).
"""

from following.models import DigestDelivery, DigestSetting, Follow


def following_data(user) -> dict:
    setting = DigestSetting.objects.filter(user=user).first()
    follows = Follow.objects.filter(user=user).select_related("project", "organisation", "series")
    return {
        "follows": [
            {
                "project": str(follow.project) if follow.project else None,
                "organisation": str(follow.organisation) if follow.organisation else None,
                "series": str(follow.series) if follow.series else None,
                "since": follow.created_at.isoformat(),
            }
            for follow in follows
        ],
        "digest": {
            "weekly": setting.weekly if setting else False,
            "region": setting.region if setting else "",
            "changed_at": setting.changed_at.isoformat() if setting else None,
        },
        "digests_sent": [
            {
                "week": delivery.week.isoformat(),
                "at": delivery.sent_at.isoformat(),
                "mailed": delivery.mailed,
                "items": delivery.items,
            }
            for delivery in DigestDelivery.objects.filter(user=user)
        ],
    }
