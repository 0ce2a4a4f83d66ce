"""Series and events, with their agenda, slides and photos.

Times are stored in UTC and shown in Europe/Berlin (``TIME_ZONE``), so an event keeps
its wall-clock time across daylight-saving changes.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.registrations import Registration
from taxonomy.public import Region
from zukunftsplattform.german import german_order
from zukunftsplattform.images import CREDIT_HINT
from zukunftsplattform.slugs import previous_slugs_field, previous_slugs_index

# Paths under /veranstaltungen/ that an event's slug must not take.
RESERVED_SLUGS = {"reihe", "anmeldung", "meine-anmeldungen", "kalender.ics"}


def validate_event_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved. Please choose another one."))


class Series(models.Model):
    """A recurring format such as "Sozial. Innovativ. Sächsisch."."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    previous_slugs = previous_slugs_field()
    summary = models.CharField(_("short summary"), max_length=300, blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = german_order("title")
        indexes = [previous_slugs_index("series_old_slugs_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:series", kwargs={"slug": self.slug})


class EventQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published events, and cancelled ones with their notice.

        Drafts never appear.
        """
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def for_cards(self):
        """Everything an event card shows, in one query.

        The confirmed count is a correlated subquery, not a join with GROUP BY: PostgreSQL
        then counts only for the rows a page shows (e.g. 3 on the home page), not for every
        upcoming event's registrations first (docs/performance.md).
        """
        confirmed = (
            Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.select_related("series").annotate(
            confirmed_count=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)
        )


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Format(models.TextChoices):
        ON_SITE = "vor-ort", _("On site")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"), max_length=120, unique=True, validators=[validate_event_slug]
    )
    previous_slugs = previous_slugs_field()
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    summary = models.CharField(
        _("short summary"),
        max_length=300,
        help_text=_("One or two sentences for lists, feeds and search results."),
    )
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    image = models.ImageField(
        _("picture"),
        upload_to="events/images/",
        blank=True,
        help_text=_(
            "Shown on the event's card and page. PNG, JPEG or WebP, re-encoded without metadata."
        ),
    )
    image_alt = models.CharField(
        _("picture description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("Required with a picture: describe what it shows."),
    )
    image_credit = models.CharField(
        _("picture credit"), max_length=200, blank=True, help_text=CREDIT_HINT
    )
    start = models.DateTimeField(_("start"), help_text=_("Local time in Saxony."))
    end = models.DateTimeField(_("end"), help_text=_("Local time in Saxony."))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ON_SITE
    )

    # --- Where ---
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("town or city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown only to confirmed participants (on their registration page and in emails)."
        ),
    )

    # --- Accessibility ---
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    sign_language = models.BooleanField(_("sign-language interpretation"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    accessibility_notes = models.TextField(
        _("more about accessibility"),
        blank=True,
        help_text=_("E.g. the nearest accessible stop, toilets, a contact for questions."),
    )

    # --- Registration ---
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of seats. Leave empty for no limit."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open at once.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: open until the event starts."),
    )

    # --- Cancellation ---
    cancellation_reason = models.TextField(
        _("reason for cancellation"),
        blank=True,
        help_text=_(
            "Shown on the event page and sent to participants when the event is cancelled."
        ),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)

    # --- Documentation, after the event ---
    documentation_summary = models.TextField(_("summary (Markdown)"), blank=True)
    documentation_summary_html = models.TextField(editable=False, blank=True)
    documentation_results = models.TextField(_("results (Markdown)"), blank=True)
    documentation_results_html = models.TextField(editable=False, blank=True)
    resulting_projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("projects that came out of it"),
        blank=True,
        related_name="+",
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    # Staff and moderation actions on it (accounts.audit); deleted with it.
    activity = GenericRelation("accounts.ActivityLog")
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        permissions = [("export_registrations", _("Can export registrations"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="event_ends_after_start"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="event_search_idx"),
            previous_slugs_index("event_old_slugs_idx"),
            GinIndex(fields=["search_text"], name="event_trigram_idx", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["status", "start"], name="event_status_start_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.format != self.Format.ONLINE and not self.locality:
            errors["locality"] = _("Events on site need a town or city.")
        if self.format != self.Format.ON_SITE and not self.online_url:
            errors["online_url"] = _("Online and hybrid events need an online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status in {self.Status.PUBLISHED, self.Status.CANCELLED}

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.start

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.end

    @property
    def registration_deadline(self):
        """Registration closes at the set time, at the latest when the event starts."""
        if self.registration_closes_at:
            return min(self.registration_closes_at, self.start)
        return self.start

    def registration_state(self, now=None) -> str:
        """Why registration is or is not possible: open, not_yet, closed, cancelled, draft."""
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_deadline:
            return "closed"
        return "open"

    @property
    def seats_left(self) -> int | None:
        """Free seats (None: no limit). Uses the ``confirmed_count`` annotation when present."""
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.confirmed().count()
        return max(self.capacity - confirmed, 0)

    @property
    def has_documentation(self) -> bool:
        return bool(self.documentation_summary_html or self.documentation_results_html)

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(part for part in [self.postal_code, self.locality] if part)
        return [line for line in [self.venue_name, self.street_address, locality] if line]

    @property
    def accessibility_features(self) -> list[str]:
        features = [
            (self.step_free_access, _("Step-free access")),
            (self.hearing_loop, _("Hearing loop")),
            (self.sign_language, _("Sign-language interpretation")),
            (self.quiet_room, _("Quiet room")),
        ]
        return [str(label) for present, label in features if present]


class AgendaItem(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = models.ManyToManyField(
        "network.Person",
        verbose_name=_("speakers"),
        blank=True,
        related_name="+",
        help_text=_("Only people who have consented to a public profile are shown."),
    )
    presented_projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("presented projects"),
        blank=True,
        related_name="+",
        help_text=_("Only published projects are shown."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An agenda item cannot end before it starts.")})


class Slides(models.Model):
    """Presentation slides (PDF) from an event, uploaded by staff after the event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slides"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to="events/slides/")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("slides")
        verbose_name_plural = _("slides")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Photo(models.Model):
    """A photo of an event; stored re-encoded as WebP without metadata."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="events/photos/")
    alt_text = models.CharField(_("description (alt text)"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=CREDIT_HINT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text
