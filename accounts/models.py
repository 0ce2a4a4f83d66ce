from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.versioned_text import VersionedText


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. They log in with their email address."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_("How your name appears on the platform, e.g. on projects you work on."),
    )
    language = models.CharField(
        _("language for emails"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )

    class ModerationEmails(models.TextChoices):
        EACH = "each", _("An email for each item that waits")
        DAILY = "daily", _("One summary a day")

    # Staff who moderate: how they hear about submissions (see projects.services).
    moderation_emails = models.CharField(
        _("moderation emails"),
        max_length=10,
        choices=ModerationEmails.choices,
        default=ModerationEmails.EACH,
    )
    moderation_digest_sent_at = models.DateTimeField(
        _("last moderation summary sent"), null=True, blank=True, editable=False
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Staff changes to the account (accounts.audit); they go with the account.
    records_about = GenericRelation("accounts.ActivityLog")

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class ActivityLog(models.Model):
    """One staff or moderation action on one object: who, when, what, before and after.

    Written only by ``accounts.audit.record()``, which also writes the JSON log line, and
    shown newest first on the object's admin page. ``data`` holds ``changes`` (field →
    ``{"before": …, "after": …}``) and free details (a message, counts); fields listed as
    private in ``audit.record()`` appear there only as changed, without their values.
    The actor is cleared when their account is deleted; the records about a person's own
    profile go with the profile (``GenericRelation`` on the models that keep records).
    """

    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind")
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    object_repr = models.CharField(_("object"), max_length=200)
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="activity_of_object_idx")
        ]

    def __str__(self):
        return f"{self.action} · {self.object_repr}"


class TermsOfUse(VersionedText):
    """One version of the terms of use. Published versions never change; the latest
    published one is in force, and every signed-in person must have accepted it."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)

    in_force_message = _("Terms of use in force cannot be changed. Write a new version.")

    class Meta:
        verbose_name = _("terms of use")
        verbose_name_plural = _("terms of use")
        ordering = ["-version"]

    def __str__(self):
        return gettext("Terms of use, version %(version)s") % {"version": self.version}


class TermsAcceptance(models.Model):
    """That a person accepted one version of the terms of use, and when."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    terms = models.ForeignKey(
        TermsOfUse,
        verbose_name=_("terms of use"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance of the terms of use")
        verbose_name_plural = _("acceptances of the terms of use")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "terms"], name="one_acceptance_per_version")
        ]

    def __str__(self):
        return f"{self.user} · {self.terms}"
