"""Demo directory: the seven associations and eight cities of IncluCities (METHOD.md), and three
cities for the second network's community of practice. Populations are rounded public figures,
for demonstration only. Idempotent."""

from django_scopes import scope

from .models import Association, City

INCLUCITIES_ASSOCIATIONS = [
    ("AICCRE", "Associazione Italiana per il Consiglio dei Comuni e delle Regioni d'Europa", "IT", "https://www.aiccre.it"),
    ("VVSG", "Vereniging van Vlaamse Steden en Gemeenten", "BE", "https://www.vvsg.be"),
    ("AFCCRE", "Association Française du Conseil des Communes et Régions d'Europe", "FR", "https://www.afccre.org"),
    ("Brulocalis", "Brulocalis – Association of the City and Municipalities of the Brussels-Capital Region", "BE", "https://www.brulocalis.brussels"),
    ("KEDE", "Central Union of Municipalities of Greece", "GR", "https://www.kedke.gr"),
    ("FEMP", "Federación Española de Municipios y Provincias", "ES", "https://www.femp.es"),
    ("LALRG", "Latvian Association of Local and Regional Governments", "LV", "https://www.lps.lv"),
]

# (name, country, association, population, share of residents of migrant origin in %, languages):
# rounded figures for the demo, not official statistics.
INCLUCITIES_CITIES = [
    ("Capaci", "IT", "AICCRE", 11_000, "4.5", "Italian, English"),
    ("Mechelen", "BE", "VVSG", 87_000, "21.0", "Dutch, English"),
    ("Saint-Jean-de-la-Ruelle", "FR", "AFCCRE", 16_000, "14.0", "French"),
    ("Brussels", "BE", "Brulocalis", 190_000, "35.0", "French, Dutch, English"),
    ("Levadia", "GR", "KEDE", 30_000, "6.0", "Greek, English"),
    ("Fuenlabrada", "ES", "FEMP", 190_000, "12.0", "Spanish"),
    ("Jelgava", "LV", "LALRG", 55_000, "3.0", "Latvian, English"),
    ("Schaerbeek", "BE", "Brulocalis", 130_000, "30.0", "French, Dutch"),
]

COMMUNITY_ASSOCIATIONS = [
    ("Kuntaliitto", "Association of Finnish Municipalities", "FI", "https://www.kuntaliitto.fi"),
    ("SOS", "Skupnost občin Slovenije", "SI", "https://www.skupnostobcin.si"),
    ("ZMP", "Związek Miast Polskich", "PL", "https://www.zmp.poznan.pl"),
]

COMMUNITY_CITIES = [
    ("Tampere", "FI", "Kuntaliitto", 250_000, "6.0", "Finnish, Swedish, English"),
    ("Ljubljana", "SI", "SOS", 290_000, "12.0", "Slovenian, English"),
    ("Gdańsk", "PL", "ZMP", 490_000, "3.0", "Polish, English"),
]


def _seed(network, associations, cities):
    with scope(network=network):
        by_acronym = {}
        for acronym, name, country, website in associations:
            by_acronym[acronym], _ = Association.objects.get_or_create(
                network=network, name=name, defaults={"acronym": acronym, "country": country, "website": website}
            )
        for name, country, acronym, population, migrant_share, languages in cities:
            City.objects.get_or_create(
                network=network, name=name, country=country,
                defaults={"association": by_acronym[acronym], "population": population,
                          "migrant_share": migrant_share, "languages": languages},
            )


def seed_directory(networks):
    """`networks` maps the demo network slugs to Network rows (from tenancy.demo)."""
    _seed(networks["inclucities"], INCLUCITIES_ASSOCIATIONS, INCLUCITIES_CITIES)
    _seed(networks["demo-associations"], COMMUNITY_ASSOCIATIONS, COMMUNITY_CITIES)
