from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taxonomy.public import SDG, Region, SupportCategory, TargetGroup, Topic
from zukunftsplattform.images import CREDIT_HINT
from zukunftsplattform.invitations import EmailInvitation
from zukunftsplattform.moderation import ChangeState, ModeratedChanges
from zukunftsplattform.slugs import previous_slugs_field, previous_slugs_index


class ProjectQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published projects only (not archived, never drafts)."""
        return self.filter(status=Project.Status.PUBLISHED)

    def best_practice(self):
        return self.published().filter(is_best_practice=True)

    def awaiting_review(self):
        """Submissions and submitted changes of published projects, oldest first."""
        return self.filter(
            models.Q(status=Project.Status.SUBMITTED)
            | models.Q(revision_state=Project.RevisionState.SUBMITTED)
        ).order_by("submitted_at", "pk")

    def for_cards(self):
        """Everything a project card shows, in a fixed number of queries."""
        return self.only(
            "pk",
            "slug",
            "title",
            "summary",
            "stage",
            "region",
            "place",
            "logo",
            "logo_alt",
            "cover_card",
            "cover_alt",
            "is_best_practice",
            "published_at",
            "updated_at",  # the key of the card's cached fragment
        ).prefetch_related(
            models.Prefetch(
                "topics", queryset=Topic.objects.only("pk", "slug", "name_de", "name_en")
            ),
        )


class FundingProgramme(models.Model):
    """A funding programme projects name (e.g. ESF Plus), maintained by staff so that
    projects can be filtered and counted by it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CallRound(models.Model):
    """One call for proposals of a funding programme (e.g. "2. Aufruf 2025")."""

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        related_name="call_rounds",
    )
    name = models.CharField(_("name"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call round")
        verbose_name_plural = _("call rounds")
        ordering = ["programme__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="one_call_round_name")
        ]

    def __str__(self):
        return f"{self.programme.name} – {self.name}"


class Project(ModeratedChanges):
    class Stage(models.TextChoices):
        IDEA = "idee", _("Idea")
        TRIAL = "erprobung", _("Trial")
        IMPLEMENTATION = "umsetzung", _("Implementation")
        SPREADING = "verbreitung", _("Spreading")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    #: A published project's pending edit (``zukunftsplattform.moderation``).
    RevisionState = ChangeState

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    previous_slugs = previous_slugs_field()
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    # --- The profile. For a published project these are the approved, public values. ---
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(
        _("short summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences that say what the project does."),
    )
    challenge = models.TextField(_("the challenge it addresses"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    impact_reached = models.TextField(_("target groups reached so far"), blank=True)
    impact_outcomes = models.TextField(_("outcomes so far"), blank=True)
    evidence_links = ArrayField(
        models.URLField(max_length=500),
        verbose_name=_("evidence links"),
        default=list,
        blank=True,
        size=10,
    )
    challenge_html = models.TextField(editable=False, blank=True)
    approach_html = models.TextField(editable=False, blank=True)
    impact_outcomes_html = models.TextField(editable=False, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="projects", blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="projects", blank=True
    )
    sdgs = ArrayField(
        models.PositiveSmallIntegerField(choices=SDG.choices),
        verbose_name=_("Sustainable Development Goals"),
        default=list,
        blank=True,
    )
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    carrying_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("carrying organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_projects",
    )
    partner_organisations = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_projects",
    )
    # PROTECT: removing a programme must not silently change what published projects say.
    funding_programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    call_round = models.ForeignKey(
        CallRound,
        verbose_name=_("call round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email address"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    logo = models.ImageField(_("logo"), upload_to="projects/logos/", blank=True)
    logo_alt = models.CharField(_("logo description (alt text)"), max_length=200, blank=True)
    logo_credit = models.CharField(
        _("logo credit"), max_length=200, blank=True, help_text=CREDIT_HINT
    )
    cover = models.ImageField(_("cover image"), upload_to="projects/covers/", blank=True)
    cover_card = models.ImageField(upload_to="projects/covers/", blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover image description (alt text)"), max_length=200, blank=True
    )
    cover_credit = models.CharField(
        _("cover image credit"), max_length=200, blank=True, help_text=CREDIT_HINT
    )
    needs = models.ManyToManyField(
        SupportCategory,
        verbose_name=_("what the project needs"),
        related_name="needing_projects",
        blank=True,
    )
    needs_note = models.CharField(_("about the needs"), max_length=300, blank=True)
    offers = models.ManyToManyField(
        SupportCategory,
        verbose_name=_("what the project offers"),
        related_name="offering_projects",
        blank=True,
    )
    offers_note = models.CharField(_("about the offers"), max_length=300, blank=True)

    # --- Best practice, curated by staff ---
    is_best_practice = models.BooleanField(_("best practice"), default=False)
    story_what_worked = models.TextField(_("what worked"), blank=True)
    story_lessons = models.TextField(_("what they learned"), blank=True)
    story_transfer = models.TextField(_("how to transfer it"), blank=True)
    story_what_worked_html = models.TextField(editable=False, blank=True)
    story_lessons_html = models.TextField(editable=False, blank=True)
    story_transfer_html = models.TextField(editable=False, blank=True)

    # --- Lifecycle (projects.lifecycle; the pending edit: ModeratedChanges) ---
    moderator_message = models.TextField(
        _("last message from the moderation"), blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    # Staff and moderation actions on it (accounts.audit); deleted with it.
    activity = GenericRelation("accounts.ActivityLog")
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-published_at", "-pk"]
        permissions = [("moderate_project", _("Can moderate projects"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="project_search_idx"),
            previous_slugs_index("project_old_slugs_idx"),
            GinIndex(
                fields=["search_text"], name="project_trigram_idx", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "-published_at"], name="project_status_published_idx"),
            # The showcase (/gute-praxis/) and the home page: a few hundred of many thousands.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(is_best_practice=True, status="published"),
                name="project_best_practice_idx",
            ),
            # "Which of these are published?" without reading the wide rows: the matching
            # of needs and offers (network.matching) asks it of thousands of candidates.
            models.Index(
                fields=["id"], condition=models.Q(status="published"), name="project_published_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_submitted_changes(self) -> bool:
        """A published project whose team submitted edits that await moderation."""
        return self.is_public and self.has_pending_changes

    @property
    def sdg_labels(self) -> list[str]:
        return [str(SDG(number).label) for number in self.sdgs]


class ProjectMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="project_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_user"),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(role="owner"), name="one_owner_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Invitation(EmailInvitation):
    """An invitation by email to a project's team (the rules: ``EmailInvitation``)."""

    target = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="invitations"
    )

    class Meta(EmailInvitation.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def get_absolute_url(self):
        return reverse("projects:accept_invitation", kwargs={"token": self.token})


class Transition(models.Model):
    """One step in a project's lifecycle: who, when, from, to, and the message."""

    class Step(models.TextChoices):
        """What a step goes from or to: the project's statuses (same values and labels) and
        the states of a published project's changes and of best practice. Pages show the
        label, never the code."""

        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")
        CHANGES_SUBMITTED = "changes_submitted", _("Changes submitted for review")
        CHANGES_REJECTED = "changes_rejected", _("Changes not accepted")
        CHANGES_WITHDRAWN = "changes_withdrawn", _("Changes withdrawn by the team")
        BEST_PRACTICE = "best_practice", _("Marked as best practice")
        NOT_BEST_PRACTICE = "not_best_practice", _("No longer best practice")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=40, choices=Step.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=40, choices=Step.choices)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("lifecycle step")
        verbose_name_plural = _("lifecycle")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '–'} → {self.get_to_status_display()}"


class ModerationQueueEntry(Project):
    """The moderation queue in the admin: the same projects, seen as work to do."""

    class Meta:
        proxy = True
        verbose_name = _("moderation queue entry")
        verbose_name_plural = _("moderation queue")


def organisations() -> Any:
    """The network's organisations (``Organisation.objects``), reached through the project's
    own relation: projects never imports the network, which depends on projects (matching,
    statistics, an organisation's projects)."""
    return cast(Any, Project._meta.get_field("carrying_organisation").related_model).objects
