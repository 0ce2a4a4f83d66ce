from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, When
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events import services
from events.forms import CancelForm, EventFilterForm, GuestRegistrationForm, RegistrationForm
from events.links import public_people, public_projects
from events.models import AgendaItem, Event, Registration
from events.permissions import (
    can_cancel,
    can_confirm,
    can_see_online_link,
    get_event_for_user,
    get_registration_for_token,
    get_series,
    is_event_manager,
    participant_steps,
)
from zukunftsplattform.pagination import paginate, query_without_page
from zukunftsplattform.publisher import PUBLISHER_NAME
from zukunftsplattform.ratelimit import ratelimit_post, ratelimit_search

# --- Lists --------------------------------------------------------------------------------


@require_safe
@ratelimit_search
def event_list(request):
    form = EventFilterForm(request.GET)
    when = form.when()
    page = paginate(request, form.filter(Event.objects.published().for_cards()), per_page=12)
    context = {"form": form, "page": page, "when": when, "query": query_without_page(request)}
    template = "events/event_list.html#results" if request.htmx else "events/event_list.html"
    return render(request, template, context)


@require_safe
def series_detail(request, slug):
    series = get_series(slug)
    events = list(Event.objects.published().filter(series=series).for_cards())
    now = timezone.now()
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "upcoming": [e for e in events if e.end >= now],
            "past": sorted((e for e in events if e.end < now), key=lambda e: e.start, reverse=True),
        },
    )


# --- Detail and registration --------------------------------------------------------------


def _detail_queryset():
    return (
        Event.objects.select_related("series")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related(
                    Prefetch("speakers", queryset=public_people()),
                    Prefetch("presented_projects", queryset=public_projects()),
                ),
            ),
            Prefetch("resulting_projects", queryset=public_projects()),
            "slides",
            "photos",
        )
        .annotate(
            # Seats taken and waiting come with the event: two filtered counts, no query.
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
        )
    )


def _registration_of(user, event) -> Registration | None:
    """The user's active registration for ``event``, with its waitlist position, in one query.

    ``waitlist_place`` is what ``Registration.waitlist_position()`` would count (None unless
    waitlisted).
    """
    ahead = (
        Registration.objects.waitlisted()
        .filter(event=event, waitlist_number__lte=OuterRef("waitlist_number"))
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    registration = (
        Registration.objects.active()
        .filter(event=event, user=user)
        .annotate(
            waitlist_place=Case(
                When(status=Registration.Status.WAITLISTED, then=Subquery(ahead)), default=None
            )
        )
        .first()
    )
    if registration:
        registration.event = event  # loaded already: can_see_online_link() reads it
    return registration


def _availability(event, *, confirmed_count: int) -> str:
    """schema.org's word for whether a seat can be had now (the waitlist is no seat)."""
    state = event.registration_state()
    if state == "cancelled":
        return "Discontinued"
    if state != "open":
        return "OutOfStock"  # not open yet, or closed
    if event.capacity is not None and confirmed_count >= event.capacity:
        return "SoldOut"
    return "InStock"


def _schema_org(request, event, *, confirmed_count: int) -> dict:
    """schema.org Event, for the page's JSON-LD (``ld_json`` escapes it)."""
    attendance = {
        Event.Format.ON_SITE: "OfflineEventAttendanceMode",
        Event.Format.ONLINE: "OnlineEventAttendanceMode",
        Event.Format.HYBRID: "MixedEventAttendanceMode",
    }[event.format]
    url = request.build_absolute_uri(event.get_absolute_url())
    locations = []
    if event.format != Event.Format.ONLINE:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.locality,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.street_address,
                    "postalCode": event.postal_code,
                    "addressLocality": event.locality,
                    "addressRegion": "Sachsen",
                    "addressCountry": "DE",
                },
            }
        )
    if event.format != Event.Format.ON_SITE:
        locations.append({"@type": "VirtualLocation", "url": url})
    photos = [request.build_absolute_uri(photo.image.url) for photo in event.photos.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        # The event's picture and its photos; without either, the portal's picture.
        "image": ([request.build_absolute_uri(event.image.url)] if event.image else []) + photos
        or [request.build_absolute_uri(static("img/share.png"))],
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": f"https://schema.org/{attendance}",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": get_language(),
        "isAccessibleForFree": True,
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": PUBLISHER_NAME,
        },
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/"
            + _availability(event, confirmed_count=confirmed_count),
        },
    }
    performers = {
        speaker.pk: {"@type": "Person", "name": speaker.name}
        for item in event.agenda_items.all()
        for speaker in item.speakers.all()
    }
    if performers:
        data["performer"] = list(performers.values())
    if event.series_id:
        data["superEvent"] = {"@type": "EventSeries", "name": event.series.title}
    if event.registration_opens_at:
        data["offers"]["validFrom"] = timezone.localtime(event.registration_opens_at).isoformat()
    return data


def _render_detail(request, event, *, form=None, status=200):
    """The event page; ``event`` is loaded with ``_detail_queryset()``."""
    confirmed, waiting = event.confirmed_count, event.waitlisted_count
    registration = None
    if request.user.is_authenticated:
        registration = _registration_of(request.user, event)
    state = event.registration_state()
    if form is None and state == "open" and registration is None:
        form = RegistrationForm() if request.user.is_authenticated else GuestRegistrationForm()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    context = {
        "event": event,
        "agenda": event.agenda_items.all(),
        "registration_state": state,
        "registration": registration,
        # waitlist_place: annotated by _registration_of()
        "waitlist_position": registration.waitlist_place if registration else None,  # type: ignore[attr-defined]
        "online_url": event.online_url
        if registration and can_see_online_link(registration)
        else "",
        "form": form,
        "free_seats": free,
        "waiting_count": waiting,
        "is_full": free == 0,
        "is_manager": is_event_manager(request.user),
        "has_ended": event.has_ended(),
        "schema": _schema_org(request, event, confirmed_count=confirmed),
    }
    return render(request, "events/event_detail.html", context, status=status)


@require_safe
def event_detail(request, slug):
    event = get_event_for_user(request, slug, queryset=_detail_queryset())
    return _render_detail(request, event)


def _csrf_failure(request):
    """Django's CSRF check, for views that need it only for signed-in users."""
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    return check.process_view(request, lambda r: HttpResponse(), (), {})


# Anonymous visitors get no cookie, so the guest form carries no CSRF token: a forged
# guest registration could only do what anyone may do directly (and is rate-limited).
# A signed-in user's registration acts for their account and is checked as usual.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("event_registration", limit=10, period=600)
def register(request, slug):
    """POST the registration form; GET (e.g. after a login) leads back to the event."""
    event = get_event_for_user(request, slug)
    if request.method != "POST":  # GET and HEAD
        return redirect(event)
    if request.user.is_authenticated and (refused := _csrf_failure(request)):
        return refused
    if request.user.is_authenticated:
        form = RegistrationForm(request.POST)
    else:
        form = GuestRegistrationForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, _detail_queryset().get(pk=event.pk), form=form, status=400)
    try:
        if request.user.is_authenticated:
            registration = services.register_user(
                event=event, user=request.user, **form.service_kwargs()
            )
        else:
            services.register_guest(
                event=event, language=get_language() or "de", **form.service_kwargs()
            )
    except services.RegistrationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    if request.user.is_authenticated:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request,
                _("You are registered. We have sent you a confirmation with a calendar file."),
            )
        else:
            messages.info(
                request,
                _("The event is full. You are on the waitlist at position %(position)s.")
                % {"position": registration.waitlist_position()},
            )
        return redirect(event)
    messages.success(
        request,
        _(
            "Almost done: we have sent you an email. Please confirm your registration with "
            "the link in it."
        ),
    )
    return redirect(event)


@require_safe
def registration_detail(request, token):
    registration = get_registration_for_token(token)
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "online_url": registration.event.online_url
            if can_see_online_link(registration)
            else "",
            "waitlist_position": registration.waitlist_position(),
            "steps": participant_steps(registration),
            "confirmation_expired": services.confirmation_expired(registration),
        },
    )


# The secret token in the address is what a forged request cannot know, so these two
# need no CSRF cookie (guests come from their mail and get no cookie).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the guest's mail. GET only shows a button: mail scanners must not confirm."""
    registration = get_registration_for_token(token)
    if not can_confirm(registration):
        return redirect(registration)
    if request.method == "POST":
        try:
            registration = services.confirm_guest(registration=registration)
        except services.RegistrationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(registration)
        if registration.status == Registration.Status.EXPIRED:
            messages.error(request, _("This confirmation link has expired. Please register again."))
            return redirect(registration.event)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request,
                _("Thank you! Your registration is confirmed. We have sent you the details."),
            )
        else:
            messages.info(
                request,
                _(
                    "Thank you! The event is full, so you are on the waitlist at position "
                    "%(position)s. We will email you if a seat becomes free."
                )
                % {"position": registration.waitlist_position()},
            )
        return redirect(registration)
    return render(
        request,
        "events/confirm.html",
        {
            "registration": registration,
            "event": registration.event,
            "expired": services.confirmation_expired(registration),
        },
    )


@csrf_exempt
@require_POST
def cancel(request, token):
    registration = get_registration_for_token(token)
    try:
        was_active = can_cancel(registration)
        services.cancel_registration(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if was_active:
            messages.success(request, _("Your registration has been cancelled."))
    # Not redirect(): it would read a bare word as the name of a URL pattern.
    return HttpResponseRedirect(
        CancelForm(request.POST).next_path() or registration.get_absolute_url()
    )


@login_required
@require_safe
def my_registrations(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.EXPIRED)
        .select_related("event")
        .order_by("-event__start", "-pk")
    )
    now = timezone.now()
    return render(
        request,
        "events/my_registrations.html",
        {
            "upcoming": [r for r in registrations if r.event.end >= now],
            "past": [r for r in registrations if r.event.end < now],
        },
    )
