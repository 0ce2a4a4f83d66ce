"""What events may show of other apps: only what those apps make public.

Speakers come from the network directory and appear only with their recorded consent
(``network.public.people_with_consent``, so a withdrawn consent hides them at once);
presented and resulting projects appear only while published.
"""

from network.public import people_in_brief
from projects.public import projects_in_brief


def public_people():
    """People whose profile is public now: what an agenda shows of a speaker."""
    return people_in_brief()


def public_projects():
    return projects_in_brief()
