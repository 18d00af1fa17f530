"""Invented organisation names for sample data.

Every name is invented: a place name built from a stem and an ending
("Lundvik", "Nordre Fjellheim"), never a real municipality or county. Names that
happen to match a real place in :data:`REAL_PLACES` are drawn again, so sample
data can never attach invented statuses to a real organisation.
"""

from __future__ import annotations

import random

NB_STEMS = (
    "Lund", "Fjell", "Berg", "Dal", "Strand", "Vik", "Sol", "Sand", "Skog", "Elv",
    "Myr", "Li", "Haug", "Kvit", "Bjørk", "Eike", "Furu", "Hval", "Lind", "Stein",
    "Ring", "Kald", "Grå", "Rogn", "Ospe", "Hegg", "Løv", "Mose", "Lyng", "Tjern",
    "Aske", "Brede", "Fager", "Glimmer", "Hamre", "Kvern", "Ler", "Mjøl", "Nyst",
    "Rein",
)  # fmt: skip
NB_ENDINGS = (
    "vik", "heim", "dal", "berg", "fjord", "sund", "ås", "nes", "stad", "land",
    "øy", "bygd", "voll", "mo", "li", "eng", "rud", "holm", "våg", "set", "tun",
    "haug", "bakk", "myra", "lia",
)  # fmt: skip
NB_DIRECTIONS = ("Nordre", "Søndre", "Øvre", "Nedre", "Indre", "Ytre", "Vestre")
NN_DIRECTIONS = ("Nordre", "Søre", "Øvre", "Nedre", "Indre", "Ytre", "Austre")
# Lithuanian place names in the genitive, as they stand before "savivaldybė".
LT_STEMS = (
    "Beržyn", "Liepak", "Ąžuol", "Šilel", "Upel", "Kalnav", "Miškin", "Smėlyn",
    "Ežerėl", "Pušyn", "Gluosn", "Klevin", "Vyturn", "Rasav", "Akmenėl", "Lankel",
    "Girel", "Dobil", "Rugel", "Šaltin", "Vėjav", "Putin", "Žiedel", "Kerpyn",
)  # fmt: skip
LT_ENDINGS = ("ių", "ės", "os", "onių", "ynės", "avos", "iškių", "ėnų")
# Adjectives in the genitive plural, which agree only with the plural endings.
LT_PREFIXES = ("Naujųjų", "Senųjų", "Didžiųjų")
LT_PLURAL_ENDINGS = ("ių", "onių", "iškių", "ėnų")
# Draws before giving up: far more than a few hundred organisations ever need.
MAX_DRAWS = 10_000

# Real Norwegian municipalities and counties (2010 and after) and the Lithuanian
# municipalities in the genitive: places the generator must never name.
REAL_PLACES = frozenset(
    name.casefold()
    for name in (
        # Counties, old and new.
        "Østfold", "Akershus", "Oslo", "Hedmark", "Oppland", "Buskerud", "Vestfold",
        "Telemark", "Aust-Agder", "Vest-Agder", "Agder", "Rogaland", "Hordaland",
        "Sogn og Fjordane", "Møre og Romsdal", "Sør-Trøndelag", "Nord-Trøndelag",
        "Trøndelag", "Nordland", "Troms", "Finnmark", "Viken", "Innlandet",
        "Vestland", "Vestfold og Telemark", "Troms og Finnmark",
        # Municipalities.
        "Alta", "Alvdal", "Arendal", "Askim", "Asker", "Askøy", "Aukra", "Aure",
        "Austevoll", "Austrheim", "Balsfjord", "Bamble", "Bardu", "Berg", "Bergen",
        "Berlevåg", "Bindal", "Bjerkreim", "Bodø", "Bokn", "Bremanger", "Brønnøy",
        "Bygland", "Bykle", "Bærum", "Bø", "Bømlo", "Dovre", "Drammen", "Drangedal",
        "Dyrøy", "Dønna", "Eidfjord", "Eidsberg", "Eidskog", "Eidsvoll", "Eigersund",
        "Elverum", "Enebakk", "Engerdal", "Etne", "Evenes", "Fauske", "Fedje",
        "Fitjar", "Fjaler", "Fjord", "Flakstad", "Flå", "Folldal", "Fredrikstad",
        "Frogn", "Frosta", "Frøya", "Fyresdal", "Gamvik", "Gausdal", "Gildeskål",
        "Giske", "Gjerdrum", "Gjerstad", "Gjesdal", "Gjøvik", "Gloppen", "Gol",
        "Gran", "Grane", "Gratangen", "Grimstad", "Grong", "Grue", "Gulen", "Hadsel",
        "Halden", "Hamar", "Hamarøy", "Hareid", "Harstad", "Hasvik", "Hattfjelldal",
        "Haugesund", "Hemnes", "Hemsedal", "Herøy", "Hitra", "Hjartdal", "Hjelmeland",
        "Hol", "Hole", "Holmestrand", "Holtålen", "Horten", "Hurdal", "Hustadvika",
        "Hyllestad", "Hægebostad", "Høyanger", "Ibestad", "Inderøy", "Iveland",
        "Jevnaker", "Kautokeino", "Klepp", "Kongsberg", "Kongsvinger", "Kragerø",
        "Kristiansand", "Kristiansund", "Kvam", "Kvinesdal", "Kvinnherad",
        "Kvitsøy", "Kvæfjord", "Kåfjord", "Larvik", "Lavangen", "Lebesby", "Leirfjord",
        "Leka", "Lesja", "Levanger", "Lier", "Lierne", "Lillehammer", "Lillesand",
        "Lindesnes", "Lindås", "Lom", "Loppa", "Lund", "Lunner", "Lurøy", "Luster",
        "Lyngdal", "Lyngen", "Lærdal", "Lødingen", "Lørenskog", "Løten", "Malvik",
        "Marker", "Masfjorden", "Melhus", "Meløy", "Meråker", "Midtre Gauldal",
        "Modum", "Molde", "Moss", "Nannestad", "Namsos", "Namsskogan", "Nes",
        "Nesbyen", "Nesna", "Nesodden", "Nesset", "Nissedal", "Nittedal",
        "Nome", "Nord-Aurdal", "Nord-Fron", "Nordkapp", "Nordre Follo", "Nordre Land",
        "Nordreisa", "Nore og Uvdal", "Notodden", "Odda", "Oppdal", "Orkdal",
        "Orkland", "Os", "Osterøy", "Overhalla", "Porsgrunn", "Rana", "Randaberg",
        "Rauma", "Rendalen", "Rennebu", "Rindal", "Ringebu", "Ringerike", "Ringsaker",
        "Risør", "Rollag", "Rælingen", "Rødøy", "Røros", "Røst", "Røyken", "Råde",
        "Salangen", "Saltdal", "Samnanger", "Sande", "Sandefjord", "Sandnes",
        "Sandøy", "Sarpsborg", "Sauda", "Selbu", "Seljord", "Senja", "Sigdal", "Siljan",
        "Sirdal", "Skaun", "Skien", "Skiptvet", "Skjervøy", "Skjåk", "Smøla", "Snåsa",
        "Sogndal", "Sokndal", "Sola", "Solund", "Stad", "Stange", "Stavanger",
        "Steigen", "Steinkjer", "Stjørdal", "Stord", "Strand", "Stranda", "Stryn",
        "Sula", "Sunndal", "Surnadal", "Sveio", "Sykkylven", "Sømna", "Søndre Land",
        "Sør-Aurdal", "Sør-Fron", "Sørfold", "Sørreisa", "Sørum", "Time", "Tingvoll",
        "Tinn", "Tjeldsund", "Tokke", "Tolga", "Tromsø", "Trondheim", "Trysil",
        "Tvedestrand", "Tydal", "Tynset", "Tysnes", "Tysvær", "Træna", "Ullensaker",
        "Ullensvang", "Ulstein", "Ulvik", "Utsira", "Vadsø", "Vaksdal", "Valle",
        "Vang", "Vanylven", "Vardø", "Vefsn", "Vega", "Vegårshei", "Vennesla",
        "Verdal", "Vestby", "Vestnes", "Vestre Slidre", "Vestre Toten", "Vestvågøy",
        "Vevelstad", "Vik", "Vindafjord", "Vinje", "Volda", "Voss", "Værøy",
        "Vågan", "Vågå", "Øksnes", "Ørland", "Ørsta", "Østre Toten", "Øvre Eiker",
        "Øyer", "Øygarden", "Øystre Slidre", "Åfjord", "Ål", "Ålesund", "Åmli",
        "Åmot", "Årdal", "Ås", "Åseral", "Åsnes",
        # Former municipalities the stems could spell.
        "Askvoll", "Fjelberg", "Fjellberg", "Reinli", "Mosvik", "Leksvik", "Skogn",
        # Lithuanian municipalities (genitive).
        "Vilniaus", "Kauno", "Klaipėdos", "Šiaulių", "Panevėžio", "Alytaus",
        "Marijampolės", "Utenos", "Telšių", "Tauragės", "Akmenės", "Anykščių",
        "Biržų", "Birštono", "Druskininkų", "Elektrėnų", "Ignalinos", "Jonavos",
        "Joniškio", "Jurbarko", "Kaišiadorių", "Kalvarijos", "Kazlų Rūdos",
        "Kelmės", "Kėdainių", "Kretingos", "Kupiškio", "Lazdijų", "Mažeikių",
        "Molėtų", "Neringos", "Pagėgių", "Pakruojo", "Palangos", "Pasvalio",
        "Plungės", "Prienų", "Radviliškio", "Raseinių", "Rietavo", "Rokiškio",
        "Skuodo", "Šakių", "Šalčininkų", "Šilalės", "Šilutės", "Širvintų",
        "Švenčionių", "Trakų", "Ukmergės", "Varėnos", "Vilkaviškio", "Visagino",
        "Zarasų",
    )
)  # fmt: skip

_SUFFIXES = ("rajono savivaldybė", "miesto savivaldybė", "fylkeskommune", "kommune")


def place_of(name: str) -> str:
    """The place in an organisation name: "Ytre Lundvik kommune" → "Ytre Lundvik"."""
    for suffix in _SUFFIXES:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def is_real(name: str) -> bool:
    """Whether *name*, or any word of its place part, names a real place."""
    place = place_of(name).casefold()
    return place in REAL_PLACES or any(word in REAL_PLACES for word in place.split())


def invent_place(rng: random.Random, language: str) -> str:
    """A fresh invented place name in the style of *language*."""
    if language == "lt":
        return _invent_lithuanian(rng)
    place = rng.choice(NB_STEMS) + rng.choice(NB_ENDINGS)
    if rng.random() < 0.15:
        directions = NN_DIRECTIONS if language == "nn" else NB_DIRECTIONS
        place = f"{rng.choice(directions)} {place}"
    return place


def _invent_lithuanian(rng: random.Random) -> str:
    ending = rng.choice(LT_ENDINGS)
    place = rng.choice(LT_STEMS) + ending
    if ending in LT_PLURAL_ENDINGS and rng.random() < 0.3:
        place = f"{rng.choice(LT_PREFIXES)} {place}"
    return place


def invent_name(rng: random.Random, language: str, suffix: str, taken: set[str]) -> str:
    """An invented "<place> <suffix>" whose place is not real and not in *taken*.

    Adds the place to *taken*, so names stay unique across a generated set.
    """
    for _ in range(MAX_DRAWS):
        place = invent_place(rng, language)
        name = f"{place} {suffix}"
        if place not in taken and not is_real(name):
            taken.add(place)
            return name
    raise RuntimeError(f"no unused invented {language} place name left")
