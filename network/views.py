from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network import services
from network.consent import InvalidLink, read_confirm_token, read_withdraw_token
from network.extensions import person_sections
from network.forms import (
    AccountConsentForm,
    ConsentForm,
    ExpertProfileForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
    RegionForm,
)
from network.lifecycle import PERSON, PROFILE, VISIBILITY, Visibility, visibility_of
from network.matching import projects_for_organisation, projects_for_person
from network.models import ConsentRecord, Organisation, Person
from network.permissions import (
    can_edit_organisation,
    can_edit_person,
    get_organisation_for_user,
    get_person_for_user,
    is_member,
    is_moderator,
    is_own_profile,
    is_public_person,
    is_visible,
)
from network.public import people_with_consent, public_organisations
from network.statistics import needs_and_offers_table, unmet_needs_by_region
from projects.public import projects_of_organisation, published_projects
from taxonomy.public import CITY_REGIONS, choropleth, region_url
from zukunftsplattform.german import german_order
from zukunftsplattform.pagination import paginate, query_without_page
from zukunftsplattform.ratelimit import ratelimit_post, ratelimit_search

MATCHES_SHOWN = 6


def _list(request, *, form, queryset, template, **extra):
    page = paginate(request, form.filter(queryset))
    context = {"form": form, "page": page, "query": query_without_page(request), **extra}
    return render(request, f"{template}#results" if request.htmx else template, context)


def _organisation_schema(request, organisation) -> dict:
    schema = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }
    if organisation.website:
        schema["sameAs"] = [organisation.website]
    if organisation.logo:
        schema["logo"] = request.build_absolute_uri(organisation.logo.url)
    # The address as far as the directory knows it: the town (a city region is one), Saxony.
    locality = organisation.place
    if not locality and organisation.region in CITY_REGIONS:
        locality = organisation.get_region_display()
    if locality or organisation.region:
        schema["address"] = {
            "@type": "PostalAddress",
            **({"addressLocality": locality} if locality else {}),
            "addressRegion": "Sachsen",
            "addressCountry": "DE",
        }
    if organisation.region:
        schema["areaServed"] = {
            "@type": "AdministrativeArea",
            "name": organisation.get_region_display(),
        }
    return schema


def _person_schema(request, person, organisation) -> dict:
    schema = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.role:
        schema["jobTitle"] = person.role
    if organisation:
        schema["affiliation"] = {"@type": "Organization", "name": organisation.name}
    elif person.affiliation:
        schema["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    if person.photo:
        schema["image"] = request.build_absolute_uri(person.photo.url)
    return schema


# --- Organisations -------------------------------------------------------------------


@require_safe
@ratelimit_search
def organisation_list(request):
    return _list(
        request,
        form=OrganisationFilterForm(request.GET),
        queryset=public_organisations(),
        template="network/organisation_list.html",
    )


@require_safe
def organisation_detail(request, slug):
    # 404 unless visible, the user's, or moderated; one load for the whole page.
    organisation = get_organisation_for_user(
        request, slug, queryset=Organisation.objects.prefetch_related("topics", "offers")
    )
    member = is_member(request.user, organisation)
    visible = is_visible(organisation)
    context = {
        "organisation": organisation,
        "is_visible": visible,
        "projects": list(projects_of_organisation(organisation)),
        "people": list(  # a list of names: no card data
            people_with_consent().filter(organisation=organisation).prefetch_related(None)
        ),
        "matches": projects_for_organisation(organisation, limit=MATCHES_SHOWN),
        "can_edit": can_edit_organisation(request.user, organisation),
        "is_member": member,
        "state": visibility_of(organisation),
        "state_label": VISIBILITY.states[visibility_of(organisation)],
        "schema": _organisation_schema(request, organisation),
    }
    return render(request, "network/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, slug):
    organisation = get_organisation_for_user(request, slug, action="edit")
    # Moderators who are not members change the public profile directly; members edit
    # their pending proposal (if any) and send it to the moderation.
    direct = is_moderator(request.user) and not is_member(request.user, organisation)
    # A proposed one is completed directly: nothing of it is public yet.
    waiting = not direct and visibility_of(organisation) == Visibility.PROPOSED
    values = services.organisation_working_copy(
        organisation, include_pending=not direct and not waiting
    )
    has_logo = bool(values.get("logo"))
    is_post = request.method == "POST"
    form = OrganisationForm(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        initial={k: v for k, v in values.items() if k != "logo"},
        has_logo=has_logo,
    )
    if is_post and form.is_valid():
        if direct:
            services.update_organisation(
                organisation=organisation, data=form.cleaned_data, by=request.user
            )
            messages.success(request, _("The profile has been changed."))
        elif waiting:
            services.edit_proposed_organisation(
                organisation=organisation, data=form.cleaned_data, by=request.user
            )
            messages.success(
                request,
                _("Saved. The organisation is still waiting for the moderation."),
            )
        else:
            services.propose_organisation_change(
                organisation=organisation, data=form.cleaned_data, by=request.user
            )
            messages.success(
                request,
                _(
                    "Thank you! Your changes have been sent to the moderation. "
                    "The public sees the previous version until they are approved."
                ),
            )
        return redirect(organisation.get_absolute_url())
    logo = values.get("logo")
    return render(
        request,
        "network/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "direct": direct,
            "waiting": waiting,
            "logo_url": default_storage.url(logo) if logo else "",
        },
    )


# --- People --------------------------------------------------------------------------


@require_safe
@ratelimit_search
def person_list(request):
    return _list(
        request,
        form=PersonFilterForm(request.GET),
        queryset=people_with_consent(),
        template="network/person_list.html",
        # Who may still create a profile sees the invitation (anonymous: through the login).
        offer_profile=not (
            request.user.is_authenticated and Person.objects.filter(user=request.user).exists()
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-expert-profile", limit=10, period=3600)
def expert_profile_create(request):
    """A signed-in person creates their own profile and consents to the text in force; it
    waits for the moderation. One profile per account: who has one edits it."""
    own = Person.objects.filter(user=request.user).first()
    if own is not None:
        messages.info(request, _("You already have a profile. You can change it here."))
        return redirect("network:person_edit", slug=own.slug)
    text = services.current_consent_text()
    if text is None:
        raise Http404
    is_post = request.method == "POST"
    form = ExpertProfileForm(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        initial={"version": text.version, "name": request.user.display_name},
    )
    if is_post and form.is_valid():
        if form.cleaned_data["version"] != text.version:
            form.add_error(
                "consent", _("The text has changed in the meantime. Please read it again.")
            )
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "consent"}}
            services.propose_own_profile(user=request.user, data=data, text=text)
            messages.success(
                request,
                _(
                    "Thank you! Your profile has been sent to the editorial team. It becomes "
                    "public once they have looked at it; we will tell you by email."
                ),
            )
            return redirect("accounts:overview")
    return render(request, "network/expert_profile_form.html", {"form": form, "text": text})


@require_safe
def person_detail(request, slug):
    # 404 unless public, their own, or moderated; one load for the whole page.
    person = get_person_for_user(
        request,
        slug,
        queryset=Person.objects.select_related("organisation").prefetch_related("topics", "offers"),
    )
    public = is_public_person(person)
    organisation = person.organisation
    if organisation and not is_visible(organisation):
        organisation = None
    projects = []
    if person.user_id:
        projects = list(  # a list of titles: no card data
            published_projects()
            .filter(memberships__user_id=person.user_id)
            .prefetch_related(None)
            .order_by(*german_order("title"))
        )
    context = {
        "person": person,
        "is_public": public,
        "organisation": organisation,
        "projects": projects,
        "matches": projects_for_person(person, limit=MATCHES_SHOWN),
        "can_edit": can_edit_person(request.user, person),
        "is_own": is_own_profile(request.user, person),
        "sections": person_sections(request, person) if public else [],
        "schema": _person_schema(request, person, organisation),
    }
    return render(request, "network/person_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request, slug):
    person = get_person_for_user(request, slug, action="edit")
    is_post = request.method == "POST"
    initial = {
        name: getattr(person, name)
        for name in [
            "name",
            "kind",
            "role",
            "affiliation",
            "region",
            "bio",
            "photo_alt",
            "photo_credit",
        ]
    }
    initial["topics"] = [t.pk for t in person.topics.all()]
    initial["offers"] = [o.pk for o in person.offers.all()]
    form = PersonForm(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        initial=initial,
        has_photo=bool(person.photo),
    )
    # A declined profile of one's own goes back to the moderation once changed.
    again = is_own_profile(request.user, person) and PROFILE.allows(
        "propose", person.moderation_status, PERSON
    )
    if is_post and form.is_valid():
        services.update_person(person=person, data=form.cleaned_data, by=request.user)
        if again:
            services.propose_profile_again(person=person, by=request.user)
            messages.success(
                request, _("Your profile has been saved and sent to the editorial team again.")
            )
        else:
            messages.success(request, _("Your profile has been saved."))
        return redirect(person.get_absolute_url())
    return render(
        request,
        "network/person_form.html",
        {"form": form, "person": person, "propose_again": again},
    )


# --- Consent -------------------------------------------------------------------------


def _invalid_link(request):
    return render(request, "network/consent_invalid.html", status=404)


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-consent", limit=20, period=600)
def consent_confirm(request, token):
    """The link in the consent request: show the text in force, record consent on POST.

    Never on GET, so that mail scanners following links cannot consent for anyone.
    """
    try:
        person = read_confirm_token(token)
    except InvalidLink:
        return _invalid_link(request)
    text = services.current_consent_text()
    if text is None:
        raise Http404
    form = ConsentForm(request.POST or None, initial={"version": text.version})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] != text.version:
            messages.warning(
                request, _("The text has changed in the meantime. Please read it again.")
            )
            return redirect(request.path)
        services.give_consent(
            person=person, how=ConsentRecord.How.EMAIL_LINK, text=text, email=person.email
        )
        messages.success(request, _("Thank you! Your profile is now public."))
        return redirect(person.get_absolute_url())
    already = person.consents.filter(text=text, withdrawn_at__isnull=True).exists()
    return render(
        request,
        "network/consent_confirm.html",
        {"person": person, "text": text, "form": form, "already": already},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-consent", limit=20, period=600)
def consent_withdraw(request, token):
    """The link in every email to a person: withdraw on POST; the profile disappears."""
    try:
        person = read_withdraw_token(token)
    except InvalidLink:
        return _invalid_link(request)
    if request.method == "POST":
        services.withdraw_consent(person=person, how=_("Link in an email"))
        return render(request, "network/consent_withdrawn.html", {"person": person})
    return render(
        request,
        "network/consent_withdraw.html",
        {"person": person, "is_public": is_public_person(person)},
    )


@login_required
@require_POST
def account_consent(request):
    """The buttons in the account: give or withdraw consent for one's own profile."""
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise Http404
    form = AccountConsentForm(request.POST)
    if not form.is_valid():  # neither button: change nothing
        messages.error(request, _("Nothing was changed. Please use one of the buttons."))
    elif form.cleaned_data["action"] == AccountConsentForm.GIVE:
        services.give_consent(person=person, how=ConsentRecord.How.ACCOUNT)
        if person.moderation_status in PROFILE.public:
            messages.success(request, _("Thank you! Your profile is now public."))
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your profile becomes public once the editorial team has published it."
                ),
            )
    else:
        services.withdraw_consent(person=person, how=_("Button in the account"))
        messages.success(request, _("Your profile is no longer public."))
    return redirect("accounts:overview")


# --- Needs and offers ----------------------------------------------------------------


@require_safe
def needs_and_offers(request):
    form = RegionForm(request.GET)
    region = form.cleaned_data.get("region", "") if form.is_valid() else ""
    context = {
        "form": form,
        "region": region,
        **needs_and_offers_table(region),
        "by_region": (by_region := unmet_needs_by_region()),
        "map": choropleth(
            id="unmet-map",
            title=_("Unmet needs per district"),
            figures={row["region"]: len(row["gaps"]) for row in by_region},
            url=region_url(reverse("network:needs_and_offers"), request),
            name=lambda label, n: (
                ngettext("%(district)s: %(n)s unmet need", "%(district)s: %(n)s unmet needs", n)
                % {"district": label, "n": n}
            ),
            figure_label=_("Unmet needs"),
            marked=region,
        ),
    }
    template = "network/needs_and_offers.html"
    return render(request, f"{template}#results" if request.htmx else template, context)
