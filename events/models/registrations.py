"""Registrations for an event: who holds a seat, who waits, who cancelled.

Every change of a registration's status goes through ``events.services``, following the
table in ``events.lifecycle``; the model only describes and queries.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that hold or wait for a seat (or wait for email confirmation)."""
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlist_number", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Email not yet confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (email never confirmed)")

    ACTIVE_STATUSES = [Status.PENDING, Status.CONFIRMED, Status.WAITLISTED]

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language for emails"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Assigned under the event's row lock, so the order is the order of arrival.
    waitlist_number = models.PositiveIntegerField(
        _("place on the waitlist"), null=True, blank=True, editable=False
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    photo_consent = models.BooleanField(_("agrees to be photographed"), default=False)
    token = models.CharField(
        _("access key"), max_length=64, unique=True, default=new_token, editable=False
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    # When the seat or the waitlist place was decided (under the event's lock): the order
    # of arrival, which the waitlist follows.
    placed_at = models.DateTimeField(_("placed"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("seat confirmed"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(
                    status__in=["pending", "confirmed", "waitlisted"], anonymised_at__isnull=True
                ),
                name="one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_user",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status_idx"),
        ]

    def __str__(self):
        return self.name or str(_("(anonymised)"))

    def get_absolute_url(self):
        return reverse("events:registration", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def waitlist_position(self) -> int | None:
        if self.status != self.Status.WAITLISTED:
            return None
        return (
            Registration.objects.waitlisted()
            .filter(event_id=self.event_id, waitlist_number__lte=self.waitlist_number)
            .count()
        )
