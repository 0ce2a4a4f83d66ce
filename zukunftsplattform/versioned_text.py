"""Versioned legal texts: the terms of use (``accounts.TermsOfUse``) and the consent texts
of the network (``network.ConsentText``) are both ``VersionedText``.

A version is a draft until staff put it in force; from then on it never changes – a new
wording is a new version – so what a person accepted stays readable as they saw it. The
version in force is the latest published one. Staff write the German and the English
title and body (Markdown, rendered once at saving). The apps' services call
``save_draft``/``put_in_force`` and write their own activity records and mails; their
admins share ``versioned_text_admin.VersionedTextAdmin``.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.markdown import render_markdown

#: The fields staff write in every kind of text (the activity records show them).
TEXT_FIELDS = ["title_de", "title_en", "body_de", "body_en"]


class VersionedText(models.Model):
    """One version of a legal text. Published versions never change."""

    version = models.PositiveIntegerField(_("version"), editable=False)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_de = models.TextField(_("text (German, Markdown)"))
    body_en = models.TextField(_("text (English, Markdown)"))
    body_de_html = models.TextField(editable=False, blank=True)
    body_en_html = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField(
        _("in force since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Empty while the version is a draft."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Staff actions on it (accounts.audit); deleted with it.
    activity = GenericRelation("accounts.ActivityLog")

    #: What staff are told when they try to change a version in force (each kind says it).
    in_force_message: Any

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_de

    @property
    def body_html(self) -> str:
        return self.body_en_html if get_language() == "en" else self.body_de_html

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def numbered_with(self) -> models.QuerySet:
        """The versions this one is numbered among (all of its kind; a kind with several
        texts, such as consent purposes, narrows this)."""
        return type(self)._default_manager.all()

    def render(self) -> None:
        """Render both bodies (they are shown as stored HTML)."""
        self.body_de_html = render_markdown(self.body_de)
        self.body_en_html = render_markdown(self.body_en)


def in_force(queryset: models.QuerySet):
    """The version in force among ``queryset``: the latest published one, or ``None``."""
    return queryset.filter(published_at__isnull=False).order_by("-published_at", "-version").first()


def save_draft(text: VersionedText, *, by):
    """Save a draft (a new one gets the next number and ``by`` as its author), rendered.

    Raises ``ValidationError`` for a version in force: it never changes. Returns the stored
    version before this save (``None`` for a new one), for the caller's activity record.
    Call it inside the caller's transaction.
    """
    model = type(text)
    if text.pk and model._default_manager.filter(pk=text.pk, published_at__isnull=False).exists():
        raise ValidationError(text.in_force_message)
    stored = model._default_manager.filter(pk=text.pk).first() if text.pk else None
    if not text.pk:
        last = text.numbered_with().select_for_update().aggregate(v=Max("version"))["v"]
        text.version = (last or 0) + 1
        text.created_by = by
    text.render()
    text.save()
    return stored


def put_in_force[T: VersionedText](text: T) -> T:
    """Publish a draft now (the row locked); raises ``ValidationError`` if it is in force
    already. Call it inside the caller's transaction; returns the locked, published row."""
    text = type(text)._default_manager.select_for_update().get(pk=text.pk)
    if text.published_at:
        raise ValidationError(_("This version is already in force."))
    text.published_at = timezone.now()
    text.save(update_fields=["published_at"])
    return text


def first_version(model, *, title_de, title_en, body_de, body_en, **kind):
    """Create version 1, rendered and in force (for data migrations too: ``model`` may be
    a historical model, which has none of ``VersionedText``'s methods)."""
    return model.objects.create(
        **kind,
        version=1,
        title_de=title_de,
        title_en=title_en,
        body_de=body_de,
        body_en=body_en,
        body_de_html=render_markdown(body_de),
        body_en_html=render_markdown(body_en),
        published_at=timezone.now(),
    )
