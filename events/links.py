"""What events may show of other apps: only what those apps make public.

Speakers come from the network directory and appear only with their recorded consent
(``network.public.people_with_consent``, so a withdrawn consent hides them at once);
presented and resulting projects appear only while published.
"""

from network.models import Person
from network.public import people_with_consent
from projects.models import Project


def public_people():
    """People whose profile is public now: what an agenda shows of a speaker."""
    return Person.objects.filter(pk__in=people_with_consent().values("pk")).only(
        "pk", "slug", "name", "role", "affiliation"
    )


def public_projects():
    return Project.objects.published().only(
        "pk", "slug", "title", "summary", "is_best_practice", "status"
    )
