"""Directory management for the moderation: organisations in ``organisation_admin``,
people, consent and consent texts in ``admin_people``; importing them registers them with
the site. Every change goes through network.services."""

from network.admin_people import ConsentTextAdmin, PersonAdmin, PersonAdminForm
from network.organisation_admin import OrganisationAdmin, OrganisationAdminForm

__all__ = [
    "ConsentTextAdmin",
    "OrganisationAdmin",
    "OrganisationAdminForm",
    "PersonAdmin",
    "PersonAdminForm",
]
