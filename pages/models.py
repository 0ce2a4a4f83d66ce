from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.markdown import render_markdown


class ContentPage(models.Model):
    """A legal or informational page that staff edit in the admin."""

    class Slug(models.TextChoices):
        IMPRESSUM = "impressum", _("Legal notice")
        DATENSCHUTZ = "datenschutz", _("Privacy")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Accessibility statement")
        LEICHTE_SPRACHE = "leichte-sprache", _("Easy language")
        GEBAERDENSPRACHE = "gebaerdensprache", _("Sign language")
        KONTAKT = "kontakt", _("Contact")
        UEBER = "ueber", _("About the platform")

    slug = models.SlugField(_("page"), choices=Slug.choices, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_de = models.TextField(_("text (German, Markdown)"))
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    body_de_html = models.TextField(editable=False, blank=True)
    body_en_html = models.TextField(editable=False, blank=True)
    needs_legal_review = models.BooleanField(
        _("needs legal review"),
        default=True,
        help_text=_("Shows a notice on the page until the legal department has approved it."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        ordering = ["slug"]

    def __str__(self):
        return self.get_slug_display()

    def save(self, *args, **kwargs):
        self.body_de_html = render_markdown(self.body_de)
        self.body_en_html = render_markdown(self.body_en)
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_de

    @property
    def body_html(self) -> str:
        return self.body_en_html if get_language() == "en" and self.body_en else self.body_de_html


class Feedback(models.Model):
    """A message from the accessibility feedback form or the contact form."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility barrier")
        CONTACT = "kontakt", _("Contact")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%d.%m.%Y %H:%M}"


class ContentGeneration(models.Model):  # noqa: DJ008 (never shown: no admin, form or log)
    """One row whose number changes whenever anything visitors can see changes.

    Database triggers on every content table bump it (``zukunftsplattform.pagecache``), so
    no write path – a view, the admin, a service, ``QuerySet.update()``, a management
    command or raw SQL – can leave a cached page behind. Not edited by anyone.
    """

    number = models.BigIntegerField()

    class Meta:
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")
        default_permissions = ()
