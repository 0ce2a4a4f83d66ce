from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Region, SupportCategory, Topic


class Organisation(models.Model):
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
    website = models.URLField(_("website"), blank=True)
    is_platform_partner = models.BooleanField(_("platform partner"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(models.Model):
    """A speaker, expert, mentor or contact. Public only with recorded consent."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
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
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name
