"""The vocabulary projects and the network share: topics, target groups, regions, SDGs,
and the categories of support that one side needs and the other offers.

Kept in one small app because projects, network and events all use it and none owns it.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 10 Landkreise and 3 kreisfreie Städte of Saxony."""

    BAUTZEN = "bautzen", "Landkreis Bautzen"
    CHEMNITZ = "chemnitz", "Chemnitz"
    DRESDEN = "dresden", "Dresden"
    ERZGEBIRGSKREIS = "erzgebirgskreis", "Erzgebirgskreis"
    GOERLITZ = "goerlitz", "Landkreis Görlitz"
    LEIPZIG = "leipzig", "Leipzig"
    LANDKREIS_LEIPZIG = "landkreis-leipzig", "Landkreis Leipzig"
    MEISSEN = "meissen", "Landkreis Meißen"
    MITTELSACHSEN = "mittelsachsen", "Landkreis Mittelsachsen"
    NORDSACHSEN = "nordsachsen", "Landkreis Nordsachsen"
    SAECHSISCHE_SCHWEIZ = (
        "saechsische-schweiz-osterzgebirge",
        "Landkreis Sächsische Schweiz-Osterzgebirge",
    )
    VOGTLANDKREIS = "vogtlandkreis", "Vogtlandkreis"
    ZWICKAU = "zwickau", "Landkreis Zwickau"


# The regions that are a town themselves (a Landkreis is not a locality).
CITY_REGIONS = frozenset({Region.CHEMNITZ, Region.DRESDEN, Region.LEIPZIG})


class SDG(models.IntegerChoices):
    """The UN Sustainable Development Goals (official German short titles)."""

    NO_POVERTY = 1, _("1 No poverty")
    ZERO_HUNGER = 2, _("2 Zero hunger")
    HEALTH = 3, _("3 Good health and well-being")
    EDUCATION = 4, _("4 Quality education")
    GENDER_EQUALITY = 5, _("5 Gender equality")
    WATER = 6, _("6 Clean water and sanitation")
    ENERGY = 7, _("7 Affordable and clean energy")
    WORK = 8, _("8 Decent work and economic growth")
    INDUSTRY = 9, _("9 Industry, innovation and infrastructure")
    INEQUALITIES = 10, _("10 Reduced inequalities")
    CITIES = 11, _("11 Sustainable cities and communities")
    CONSUMPTION = 12, _("12 Responsible consumption and production")
    CLIMATE = 13, _("13 Climate action")
    WATER_LIFE = 14, _("14 Life below water")
    LAND_LIFE = 15, _("15 Life on land")
    PEACE = 16, _("16 Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17 Partnerships for the goals")


class Term(models.Model):
    """A named entry of the vocabulary, in German and English."""

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_de"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_de


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TargetGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class SupportCategory(Term):
    """Something a project can need and a project, organisation or person can offer."""

    description_de = models.CharField(_("explanation (German)"), max_length=200, blank=True)
    description_en = models.CharField(_("explanation (English)"), max_length=200, blank=True)

    class Meta(Term.Meta):
        verbose_name = _("support category")
        verbose_name_plural = _("support categories")

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_de


class Synonym(models.Model):
    """Words that mean the same for search: a query for one finds the others.

    Read by ``zukunftsplattform.search`` inside each search query, so an edit counts at
    the next search (no re-indexing).
    """

    terms = models.CharField(
        _("words with the same meaning"),
        max_length=500,
        help_text=_(
            "Separated by commas, e.g. “Flüchtlinge, Geflüchtete”. A search for any of them "
            "finds all. A term may have several words (“Menschen mit Behinderung”); "
            "inflected forms are found anyway (“Flüchtling” finds “Flüchtlinge”)."
        ),
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("terms", config="german"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms
