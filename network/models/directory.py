from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taxonomy.public import Region, SupportCategory, Topic
from zukunftsplattform.german import german_order, german_sort_key
from zukunftsplattform.images import CREDIT_HINT
from zukunftsplattform.moderation import ChangeState, ModeratedChanges, ProposedBy
from zukunftsplattform.slugs import previous_slugs_field, previous_slugs_index
from zukunftsplattform.versioned_text import VersionedText

# Fields a member may change; the moderation approves them (see services).
ORGANISATION_REVISION_FIELDS = [
    "name",
    "kind",
    "description",
    "region",
    "place",
    "website",
    "logo",
    "logo_alt",
    "logo_credit",
    "topics",
    "offers",
]


#: Paths below /organisationen/ an organisation's address must not take.
RESERVED_SLUGS = {"neu", "einladung"}


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: organisations the moderation admitted and has not
        hidden (a proposed or declined one is never ``is_published``; see
        ``network.lifecycle.VISIBILITY``)."""
        return self.filter(is_published=True)

    def proposed(self):
        """Organisations proposed by their founders, waiting for the first moderation."""
        return self.filter(admission=Organisation.Admission.PROPOSED)

    def platform_partners(self):
        return self.public().filter(is_platform_partner=True)

    def with_pending_changes(self):
        return self.filter(revision_state=ChangeState.SUBMITTED)

    def for_cards(self):
        """Everything an organisation card shows, in a fixed number of queries."""
        return self.only(
            "pk",
            "slug",
            "name",
            "kind",
            "region",
            "place",
            "logo",
            "logo_alt",
            "is_platform_partner",
        ).prefetch_related(
            models.Prefetch(
                "offers", queryset=SupportCategory.objects.only("pk", "slug", "name_de", "name_en")
            ),
        )


class Organisation(ModeratedChanges, ProposedBy):
    class Admission(models.TextChoices):
        """The first moderation of an organisation that signed-in people propose."""

        PROPOSED = "proposed", _("Proposed, waiting for the moderation")
        DECLINED = "declined", _("Declined by the moderation")
        ADMITTED = "admitted", _("In the directory")

    class Kind(models.TextChoices):
        WELFARE = "wohlfahrtsverband", _("Welfare association")
        ASSOCIATION = "verein", _("Association")
        SOCIAL_ENTERPRISE = "sozialunternehmen", _("Social enterprise")
        RESEARCH = "hochschule", _("University / research")
        ADMINISTRATION = "verwaltung", _("Public administration")
        FUNDER = "foerderer", _("Funder")
        NETWORK = "netzwerk", _("Network")
        COMPANY = "unternehmen", _("Company")
        OTHER = "sonstige", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    previous_slugs = previous_slugs_field()
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="organisations"
    )
    offers = models.ManyToManyField(
        SupportCategory,
        verbose_name=_("support offered"),
        blank=True,
        related_name="offering_organisations",
    )
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    logo_alt = models.CharField(_("logo description (alt text)"), max_length=200, blank=True)
    logo_credit = models.CharField(
        _("logo credit"), max_length=200, blank=True, help_text=CREDIT_HINT
    )
    website = models.URLField(_("website"), blank=True)
    is_platform_partner = models.BooleanField(_("platform partner"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        through="OrganisationMembership",
        related_name="organisations",
        help_text=_(
            "Members edit the profile; their changes wait for the moderation. Members "
            "added here are administrators (they manage the members)."
        ),
    )
    admission = models.CharField(
        _("admission to the directory"),
        max_length=20,
        choices=Admission.choices,
        default=Admission.ADMITTED,
        editable=False,
    )
    is_published = models.BooleanField(
        _("visible in the directory"),
        default=True,
        help_text=_("Untick to hide the organisation from every public page."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    # Staff and moderation actions on it (accounts.audit); deleted with it.
    activity = GenericRelation("accounts.ActivityLog")
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = german_order("name")
        permissions = [("moderate_directory", _("Can moderate the network directory"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="organisation_search_idx"),
            previous_slugs_index("organisation_old_slugs_idx"),
            GinIndex(
                fields=["search_text"],
                name="organisation_trigram_idx",
                opclasses=["gin_trgm_ops"],
            ),
            # The directory in name order, and "which of these are visible?" without
            # reading the wide rows (network.matching).
            models.Index(
                fields=["name", "id"],
                condition=models.Q(is_published=True),
                name="organisation_public_idx",
            ),
            models.Index(
                german_sort_key("name"),
                "id",
                condition=models.Q(is_published=True),
                name="organisation_german_idx",
            ),
            # The home page's partners: a dozen of thousands.
            models.Index(
                german_sort_key("name"),
                "id",
                condition=models.Q(is_platform_partner=True, is_published=True),
                name="organisation_partner_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation_detail", kwargs={"slug": self.slug})


class ConsentText(VersionedText):
    """One version of the text a person agrees to, per purpose. Published versions never
    change."""

    class Purpose(models.TextChoices):
        PUBLIC_PROFILE = "public_profile", _("Public profile in the network directory")

    purpose = models.CharField(
        _("purpose"), max_length=40, choices=Purpose.choices, default=Purpose.PUBLIC_PROFILE
    )

    in_force_message = _("A consent text in force cannot be changed. Write a new version.")

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="one_consent_version"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} v{self.version}"

    def numbered_with(self):
        return ConsentText.objects.filter(purpose=self.purpose)


def current_consent_text_id(purpose=ConsentText.Purpose.PUBLIC_PROFILE):
    """A subquery for the version now in force (the latest published one)."""
    return Subquery(
        ConsentText.objects.filter(purpose=purpose, published_at__isnull=False)
        .order_by("-published_at", "-version")
        .values("pk")[:1]
    )


class ConsentState(models.TextChoices):
    PUBLIC = "public", _("Public (consent to the text in force)")
    OUTDATED = "outdated", _("Hidden: consent only to an older text")
    WITHDRAWN = "withdrawn", _("Hidden: consent withdrawn")
    REQUESTED = "requested", _("Hidden: waiting for confirmation")
    NONE = "none", _("Hidden: never asked")


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People with a valid, not withdrawn consent to the text version now in force,
        whose profile the moderation has published (``network.lifecycle.PROFILE``).

        One query, no matter how many people: the current text is a subquery. A new
        version of the text makes every older consent insufficient until confirmed again.
        """
        return self.filter(
            Exists(
                ConsentRecord.objects.filter(
                    person=OuterRef("pk"),
                    text_id=current_consent_text_id(),
                    withdrawn_at__isnull=True,
                )
            ),
            moderation_status=Person.Moderation.PUBLISHED,
        )

    def proposed(self):
        """Self-created profiles waiting for the moderation's decision, oldest first."""
        return self.filter(moderation_status=Person.Moderation.PROPOSED).order_by(
            "proposed_at", "pk"
        )

    def with_consent_state(self):
        """Annotate ``consent_state`` (a ``ConsentState`` value) for the admin, in one query."""
        records = ConsentRecord.objects.filter(person=OuterRef("pk"))
        active = records.filter(withdrawn_at__isnull=True)
        return self.annotate(
            consent_state=Case(
                When(
                    Exists(active.filter(text_id=current_consent_text_id())),
                    then=Value(ConsentState.PUBLIC),
                ),
                When(Exists(active), then=Value(ConsentState.OUTDATED)),
                When(Exists(records), then=Value(ConsentState.WITHDRAWN)),
                When(consent_requested_at__isnull=False, then=Value(ConsentState.REQUESTED)),
                default=Value(ConsentState.NONE),
                output_field=models.CharField(),
            )
        )

    def for_cards(self):
        """Everything a person card shows, in a fixed number of queries."""
        return self.only(
            "pk",
            "slug",
            "name",
            "role",
            "affiliation",
            "photo",
            "photo_alt",
            "region",
        ).prefetch_related(
            models.Prefetch(
                "offers", queryset=SupportCategory.objects.only("pk", "slug", "name_de", "name_en")
            ),
        )


class Person(models.Model):
    """A speaker, expert, mentor or contact. Public only with recorded consent and, when the
    person created the profile themselves, once the moderation has published it."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        EXPERT = "expert", _("Expert")
        MENTOR = "mentor", _("Mentor")
        CONTACT = "contact", _("Contact person")

    class Moderation(models.TextChoices):
        """The moderation of a self-created profile (``network.lifecycle.PROFILE``); staff
        create people as published (their consent still decides)."""

        PROPOSED = "proposed", _("Proposed: waiting for the moderation")
        PUBLISHED = "published", _("Published by the moderation")
        DECLINED = "declined", _("Declined by the moderation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    previous_slugs = previous_slugs_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    bio = models.TextField(_("short biography (Markdown)"), blank=True)
    bio_html = models.TextField(editable=False, blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/photos/", blank=True)
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=200, blank=True)
    photo_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=CREDIT_HINT
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("expertise"), blank=True, related_name="people"
    )
    offers = models.ManyToManyField(
        SupportCategory,
        verbose_name=_("support offered"),
        blank=True,
        related_name="offering_people",
    )
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    email = models.EmailField(_("email address (not public)"), blank=True)
    language = models.CharField(
        _("language for emails"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The account that may edit this profile."),
    )
    consent_requested_at = models.DateTimeField(
        _("consent last requested"), null=True, blank=True, editable=False
    )
    moderation_status = models.CharField(
        _("moderation"),
        max_length=20,
        choices=Moderation.choices,
        default=Moderation.PUBLISHED,
        editable=False,
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True, editable=False)
    moderator_message = models.TextField(
        _("message from the moderation"), blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    # Staff and moderation actions on it (accounts.audit); deleted with it.
    activity = GenericRelation("accounts.ActivityLog")
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = german_order("name")
        indexes = [
            GinIndex(fields=["search_vector"], name="person_search_idx"),
            GinIndex(fields=["search_text"], name="person_trigram_idx", opclasses=["gin_trgm_ops"]),
            # The directory in name order: the first page without sorting everyone.
            models.Index(german_sort_key("name"), "id", name="person_name_idx"),
            previous_slugs_index("person_old_slugs_idx"),
            # The moderation's queue of proposed profiles.
            models.Index(
                fields=["proposed_at", "id"],
                condition=models.Q(moderation_status="proposed"),
                name="person_proposed_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:person_detail", kwargs={"slug": self.slug})

    @property
    def email_language(self) -> str:
        return self.user.language if self.user_id and self.user else self.language


class ConsentRecord(models.Model):
    """A person's consent to one text version: when, how, and whether withdrawn."""

    class How(models.TextChoices):
        EMAIL_LINK = "email_link", _("Confirmed through the link in an email")
        ACCOUNT = "account", _("Given in their account")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    text = models.ForeignKey(
        ConsentText,
        verbose_name=_("text version"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    given_at = models.DateTimeField(_("given at"))
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    email = models.EmailField(_("confirmed from email address"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_how = models.CharField(_("how withdrawn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consent history")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "text"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_text",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.text}"
