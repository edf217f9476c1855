"""The network's directory: national associations of local governments, cities, contact people.

Cities are kept once per network and take part in many programmes over the years; their profile
(population, migrant residents, governance) is what matching and the needs analysis start from.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel


class Association(TenantModel):
    """A national (or regional) association of local and regional governments, e.g. AICCRE."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            network_key(),
            models.UniqueConstraint(
                fields=["network", "name"],
                name="association_name_unique_in_network",
                violation_error_message=_("An association with this name is already in the directory."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self):
        return self.acronym or self.name


class GovernanceLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    METROPOLITAN = "metropolitan", _("Metropolitan city or city region")
    CITY_REGION = "city_region", _("City with regional or provincial powers")
    DISTRICT = "district", _("District or borough of a larger city")
    OTHER = "other", _("Other")


class City(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cities",
        verbose_name=_("association"),
        help_text=_("The national association of local governments that backs the city."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    migrant_residents = models.PositiveIntegerField(
        _("residents of migrant origin"), null=True, blank=True, help_text=_("Number of residents.")
    )
    migrant_share = models.DecimalField(
        _("share of residents of migrant origin (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    main_nationalities = models.CharField(
        _("main nationalities"), max_length=500, blank=True, help_text=_("Separate them with commas.")
    )
    governance_level = models.CharField(
        _("governance level"), max_length=20, choices=GovernanceLevel.choices, default=GovernanceLevel.MUNICIPALITY
    )
    competences = models.TextField(
        _("regional and national competences"),
        blank=True,
        help_text=_("Which integration policies the city decides itself, and which the region or the state decides."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("Separate them with commas."))

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            network_key(),
            SameNetwork("association"),
            models.UniqueConstraint(
                fields=["network", "name", "country"],
                name="city_unique_in_network",
                violation_error_message=_("A city with this name and country is already in the directory."),
            ),
            models.CheckConstraint(
                condition=Q(migrant_share__isnull=True) | Q(migrant_share__gte=0, migrant_share__lte=100),
                name="city_migrant_share_is_a_percentage",
                violation_error_message=_("Give a percentage between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})" if self.country else self.name


class ContactPerson(TenantModel):
    """Someone to talk to at an association or a city (not necessarily a user of the platform)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]
        constraints = [
            SameNetwork("association"),
            SameNetwork("city"),
            models.CheckConstraint(
                condition=Q(association__isnull=False, city__isnull=True) | Q(association__isnull=True, city__isnull=False),
                name="contact_belongs_to_association_or_city",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def organisation(self):
        return self.association or self.city


class Speaker(models.TextChoices):
    CITY = "city", _("The city team")
    ASSOCIATION = "association", _("The city's association")


class CityRepresentative(TenantModel):
    """A network member who speaks for a city (or for its association) outside any mentorship, e.g.
    to document a candidate mentor city's strengths (Annex 3) before it is matched."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    speaks_for = models.CharField(_("speaks for"), max_length=20, choices=Speaker.choices, default=Speaker.CITY)

    class Meta:
        verbose_name = _("city representative")
        verbose_name_plural = _("city representatives")
        ordering = ["speaks_for", "pk"]
        constraints = [
            SameNetwork("city"),
            models.UniqueConstraint(fields=["city", "user"], name="city_representative_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.city}"
