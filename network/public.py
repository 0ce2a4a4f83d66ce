"""What other parts of the portal may ask of the network (never the models' internals).

Everything here returns only what the public may see: visible organisations and people
with consent to the consent text in force. A withdrawn consent removes a person from all
of these at once.
"""

from django.db.models import Max
from django.utils.translation import gettext

from network import matching, statistics
from network.forms import OrganisationFilterForm, PersonFilterForm
from network.models import Organisation, Person
from network.permissions import is_public_person as is_public_person  # one query at most
from network.services import set_organisation_visibility, withdraw_consent
from taxonomy.public import Region, SupportCategory
from zukunftsplattform.german import german_order
from zukunftsplattform.months import per_month
from zukunftsplattform.search import search

#: The kinds of organisation and of person (codes).
ORGANISATION_KINDS = [value for value, _label in Organisation.Kind.choices]
PERSON_KINDS = [value for value, _label in Person.Kind.choices]


def organisation_filter_form(data) -> OrganisationFilterForm:
    """The organisation list's filter form (``form.filter(queryset)``), e.g. for the API."""
    return OrganisationFilterForm(data)


def person_filter_form(data) -> PersonFilterForm:
    """The people list's filter form (``form.filter(queryset)``), e.g. for the API."""
    return PersonFilterForm(data)


def public_organisations():
    """Visible organisations, ready for cards (name order)."""
    return Organisation.objects.public().for_cards()


def platform_partners():
    """The platform's partners (e.g. for the logos on the home page), name order."""
    return list(Organisation.objects.platform_partners().for_cards())


def people_with_consent():
    """People whose profile is public now, ready for cards (name order).

    Use this for every public list of people, e.g. an event's speakers:
    ``event.speakers.filter(pk__in=people_with_consent().values("pk"))``.
    """
    return Person.objects.public().for_cards()


def people_in_brief():
    """People whose profile is public now, with only what a mention shows (name, role,
    affiliation), e.g. an event's speakers."""
    return Person.objects.filter(pk__in=people_with_consent().values("pk")).only(
        "pk", "slug", "name", "role", "affiliation"
    )


def search_organisations(query: str):
    """Visible organisations matching the German full-text query, best first."""
    return search(public_organisations(), query)


def search_people(query: str):
    """People with a public profile matching the German full-text query, best first."""
    return search(people_with_consent(), query)


def organisations_that_can_help(project, *, limit: int | None = None) -> list:
    """Visible organisations whose offers meet the project's needs, best matches first.

    Best = more of the project's needs covered, then the project's region, then more shared
    topics. Each result has ``matching_categories`` (the needs it covers, a list of
    SupportCategory). One query, plus one for the project's needs unless prefetched; ask
    for the first ``limit`` only, not a slice: the ranking then stays cheap.
    """
    return matching.organisations_for_project(project, limit=limit)


def people_that_can_help(project, *, limit: int | None = None) -> list:
    """People with a public profile whose offers meet the project's needs, best first.

    Same order and ``matching_categories`` as :func:`organisations_that_can_help`.
    """
    return matching.people_for_project(project, limit=limit)


def projects_that_can_help(project, *, limit: int | None = None) -> list:
    """Other published projects whose offers meet the project's needs, best first."""
    return matching.projects_for_project(project, limit=limit)


def who_can_help(project, *, limit: int) -> dict[str, list]:
    """The three lists above (keys ``organisations``, ``people``, ``projects``), the first
    ``limit`` of each, in one query (plus the needs unless prefetched).

    Each entry has only what a list of names shows: ``pk``, ``slug``, the name (``title``
    for projects), ``get_absolute_url()`` and ``matching_categories``.
    """
    return matching.helpers_for_project(project, limit=limit)


def hide_organisation(organisation, *, by) -> bool:
    """Take the organisation off every public page (its members still see it), e.g. after
    a notice (Digital Services Act). Returns whether it was visible."""
    return set_organisation_visibility(organisation=organisation, published=False, by=by)


def hide_person(person, *, by) -> bool:
    """Take the person's profile off every public page after a notice (Digital Services
    Act): the consent is withdrawn by the moderation, so the profile is public again only
    with a new consent. No consent receipt: the caller writes the statement of reasons.
    Returns whether the profile was public."""
    how = gettext("Restricted by the moderation after a notice")
    return withdraw_consent(person=person, how=how, send_receipt=False, by=by) > 0


def organisation_member_accounts(organisation) -> list:
    """The accounts of the organisation's members, for a mail to them."""
    return list(organisation.members.all())


def person_address(person) -> tuple[str, str]:
    """Where a mail to the person goes: their address and language."""
    address = person.user.email if person.user_id and person.user else person.email
    return address, person.email_language


def public_organisation_by_slug(slug: str):
    """The visible organisation at this address, or ``None``."""
    return Organisation.objects.public().only("pk", "slug", "name").filter(slug=slug).first()


#: Activity records that change what the public sees of a visible organisation.
_PUBLIC_ORGANISATION_ACTIONS = ["organisation.update", "organisation.approve", "organisation.show"]


def organisation_updates(organisation_ids, *, since) -> list:
    """Visible organisations among these whose public profile changed since ``since``
    (staff edits, approved proposals, shown again), name order; each has ``changed_at``.
    One query; never who changed what."""
    return list(
        Organisation.objects.public()
        .filter(
            pk__in=organisation_ids,
            activity__action__in=_PUBLIC_ORGANISATION_ACTIONS,
            activity__at__gte=since,
        )
        .annotate(changed_at=Max("activity__at"))
        .only("pk", "slug", "name")
        .order_by(*german_order("name"))
    )


def offers_of_user(user) -> set[int]:
    """The support categories the user's own network profile offers (pks; one query)."""
    return set(
        SupportCategory.objects.filter(offering_people__user=user).values_list("pk", flat=True)
    )


def new_projects_needing(categories, *, since, exclude, region="", limit: int) -> list:
    """Published projects, new since ``since``, that need any of ``categories``."""
    return matching.new_projects_matching(
        categories=categories,
        category_field="needs",
        since=since,
        exclude=exclude,
        region=region,
        limit=limit,
    )


def new_projects_offering(categories, *, since, exclude, region="", limit: int) -> list:
    """Published projects, new since ``since``, that offer any of ``categories``."""
    return matching.new_projects_matching(
        categories=categories,
        category_field="offers",
        since=since,
        exclude=exclude,
        region=region,
        limit=limit,
    )


def needs_and_offers_counts(region: str = "") -> list[dict]:
    """Per support category (vocabulary order): how many published projects in ``region``
    (all of Saxony when empty) need it and how many visible organisations and public
    people there offer it – the figures of the needs & offers overview.

    Each row: ``category`` (a SupportCategory), ``needed_by``, ``organisations``,
    ``people``, ``offered_by`` and ``unmet`` (needed, offered by nobody). Three queries.
    """
    keys = ("category", "needed_by", "organisations", "people", "offered_by", "unmet")
    return [
        {key: row[key] for key in keys} for row in statistics.needs_and_offers_table(region)["rows"]
    ]


def network_counts_per_month(*, start, end) -> dict[str, dict]:
    """Per month ({first day: count}) between the days ``start`` and ``end``: visible
    organisations and public people, by when they were added. Two queries."""
    return {
        "organisations": per_month(
            Organisation.objects.public(), "created_at", start=start, end=end
        ),
        "people": per_month(Person.objects.public(), "created_at", start=start, end=end),
    }


def needs_and_offers_by_region() -> dict[str, list[dict]]:
    """For all of Saxony ("") and each region: the needs and offers table of the public
    overview (``statistics.needs_and_offers_table``), e.g. for a monthly snapshot."""
    return {
        region: statistics.needs_and_offers_table(region)["rows"] for region in ["", *Region.values]
    }
