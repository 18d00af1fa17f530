"""Small invented documents in the two layouts, so the parser is tested on a fresh clone."""

from __future__ import annotations

import hashlib

from planverk.importers import ParseResult, parse_blocks
from planverk.importers.sources import Source
from planverk.importers.sources.text import text_to_blocks

T = "\t"

KS_NB = f"""Digital plan 2011 - 2014

NORDVIK FYLKESKOMMUNE

Versjon 2.0

Innhold

1. Innledning{T}2
3. Tjenester på nett{T}3
4. Elektronisk handel{T}4

1. Innledning

Nordvik fylkeskommune har laget en plan for digitale tjenester.

Arbeidet ble samarbeidet med enheter i fylket:

Arkiv, IKT-seksjonen, Skoleavdelingen, Rådmann.

3. Tjenester på nett

Vi vil gi innbyggerne flere tjenester.

Mål eKommune 2012:

1. I løpet av 2009 skal kommuner og fylkeskommuner kunne tilby elektroniske tjenester til innbyggerne gjennom Minside.
2. I løpet av 2009 skal kommuner og fylkeskommuner kunne tilby elektroniske tjenester til næringslivet gjennom Altinn.

Status:

1. Ingen tjenester
2. Tjenestene er tatt i bruk.
Vi følger opp hvert år.
3. En ekstra merknad uten mål.

Målsetting og tiltak:

Nr{T}Mål{T}Tiltak{T}Forslag fra{T}Start
3.1{T}Bedre tjenester for alle.{T}Lage nye skjema. <ul><li>Søknad</li><li>Klage</li></ul>{T}IKT-seksjonen, Arkiv{T}2011-2014 2011
3.2{T}Raskere svar og{T}Innføre chat.{T}IKT-seksjonen Rådmann{T}2012

{T}kortere ventetid.{T}Måle svartid.{T}Skoleavdelingen{T}
3.3{T}Uten start.{T}Kartlegge behov.{T}Arkiv{T}
Ukjent rad{T}uten nummer{T}{T}{T}

4. Elektronisk handel

Innkjøp skal skje elektronisk.

Mål eKommune 2012:

1. I løpet av 2010 skal kommuner og fylkeskommuner ha tatt i bruk løsninger for elektronisk fakturering
2. I løpet av 2015 skal alle kommuner ha måneraketter i drift.

Status:

1. Vi tilbyr ikke elektronisk fakturering i dag.
2. Under utarbeidelse.

Målsetting og tiltak:

Innkjøp

Nr{T}Mål{T}Tiltak{T}Forslag fra{T}Start
4.1{T}Mer e-handel.{T}Bruke markedsplassen.{T}Rådmann{T}2011
"""

ACTION_LT = f"""Pavyzdžio savivaldybės strateginis IKT planas 2011-2014 m.

Sprendimų ir pakeitimų protokolai

Peržiūrėjo/ redagavo{T}Data, dokumento Nr.
Taryba, komentarai{T}2010.11.03 Nr. 12/10
Vadovų forumas{T}2010.09.01 ir 15.09.10

Turinys

1 Įvadas{T}2
2 Prioritetinės sritys{T}3
2.1 IKT saugumas{T}3
3 Veiksmų planas{T}4
3.1 Veiklos priemonės 2011 m.{T}4
3.2 Investicinės priemonės{T}5
4 eSavivaldybė 2012 m. įgyvendinimo pažanga{T}6

1 Įvadas

Planas parengtas savivaldybės tarybai ir yra susijęs su finansiniu planu.

2 Prioritetinės sritys

2.1 IKT saugumas

Saugumas yra svarbus ir bus tęsiamas per visą laikotarpį.

3 Veiksmų planas

3.1 Veiklos priemonės 2011 m.

Priemonės{T}Finansavimas
1. Tinklo atnaujinimas - naujas maršrutizatorius{T}0,5 mln. NOK
2. Mokymai{T}Sektorinis finansavimas
VISO{T}0,5 mln. NOK

3.2 Investicinės priemonės

Priemonės{T}Suma
3. Serverinė <ul> - vėsinimas - baterijos </ul>{T}2 mln. NOK

4.{T}Atsarginis serveris{T}1 mln. NOK
{T}VISO{T}4 mln. NOK

4 eSavivaldybė 2012 m. įgyvendinimo pažanga

e-Savivaldybė 2012 iškelti tikslai{T}{T}Įgyvendinimo pažanga ir pastabos (2010 m. spalio mėn.)
Paslaugos internetu{T}{T}
●{T}Per 2009 m. savivaldybės turi pasiūlyti elektronines paslaugas per MinSide{T}Įgyvendinta
●{T}Per 20099 m. savivaldybės turi pasiūlyti elektronines paslaugas verslui Altinn{T}Dalinai įgyvendinta
Elektroninis verslas{T}{T}
{T}Per 2009 m. savivaldybės turi apibrėžti pirkimų tikslus{T}Projektas pradėtas
"""


def parse_text(
    text: str, name: str = "fixture.txt", language: str | None = None
) -> ParseResult:
    source = Source(
        name,
        "text",
        hashlib.sha256(text.encode()).hexdigest(),
        "utf-8",
        text_to_blocks(text),
        text,
    )
    return parse_blocks(source, language=language)
