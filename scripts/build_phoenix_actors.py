"""Convert PETRARCH2's Phoenix actor and agent dictionaries into heron-style TSV files.

Input (MIT licence, Copyright (c) 2014 Open Event Data Alliance; dictionaries of the Computational Event
Data System project): the TABARI/PETRARCH-format files in ``../shared/data/actors/phoenix`` --
``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt``
and ``Phoenix.agents.txt``. ``Phoenix.discards.txt`` (sentence/story discard strings: sports, film titles)
holds no actors and is not converted.

Output (``heron/data/actors/phoenix/``), sorted and byte-identical on every run:

- ``people.tsv``  name, aliases, surname, gender, country, org, role, sector, start, end (the columns of
  ``heron/data/actors/people.tsv``): one row per dated code segment of a person, segments ending before
  2000-01-01 dropped.
- ``orgs.tsv``    code, name, aliases, country, sector (the columns of ``groups.tsv``): IGOs, NGOs, companies
  and other international actors, and the non-state armed groups.
- ``agents.tsv``  phrase, sector, plural: the agent nouns ("minister", "rebel", "farmer").
- ``README.md``   provenance, build command, row counts, licence.

Run: ``python scripts/build_phoenix_actors.py [--phoenix DIR] [--out DIR]`` (stdlib only).

Dictionary format, as documented in the files and in PETRARCH's reader (PETRreader.py)
-----------------------------------------------------------------------------------------
- ``#`` starts a comment (whole line or the rest of a line).
- An *entry* is one or more root lines (not indented, not starting with ``+``) followed by ``+`` synonym
  lines and indented code lines ``\\t[CODE restriction]``; codes can also follow a phrase on its own line.
  Consecutive root lines without a code are synonyms sharing the codes that follow (PETRARCH keeps the
  same code index until a code is read); a root line after the entry has codes starts a new entry.
- Words are joined by ``_`` (consecutive words) or a blank (words may intervene); a trailing ``_`` is the
  old TABARI "whole word" marker. Both become single spaces here.
- A code is a string of 3-letter CAMEO blocks: ``AFGGOVAGR`` = Afghanistan + government + agriculture,
  ``IGOUNOKID`` = IGO + UN + children (UNICEF). ``[---]`` is the null code.
- Date restrictions: ``<D`` up to D, ``>D`` from D, ``D1-D2`` between; all "or equal". A code with no
  date is the default code, used when no restriction applies. Dates are ``YYMMDD`` or ``YYYYMMDD``.
- Agents: ``PHRASE {PLURAL} [~CODE]``; ``{}`` = no plural, no braces = regular plural generated
  (+S, Y->IES, SS->SSES ...); ``~CODE`` is appended to the actor's code, ``CODE~`` prefixed (only IGO~).
  ``!NAME! = A, B, C`` defines a substitution set; every element replaces ``!NAME!`` in a phrase, with
  no further plural formation.

Conversion decisions (see also the mapping tables below)
--------------------------------------------------------
- Two-digit years: 00-29 -> 20xx, 30-99 -> 19xx. (KEDS/TABARI/PETRARCH put 30 in the 21st century; in
  these dictionaries a year 30 is always a birth-era "elite since" date, so 1930 is what is meant.)
- Malformed dates: a 10-digit date with a doubled century ("1920030320") is read without the first two
  digits; a 9-digit one by its first 8 digits (PETRARCH's own rule). A 7-digit date is skipped with its
  segment. A date without ``<``/``>``/``-`` ("[USAGOV 19820101]") is read as a start date. A segment whose
  end is before its start is skipped (as PETRARCH does).
- People (people.tsv): entries of the Countries file with at least one dated segment whose code is a
  country (or IGO) code followed by an agent code, and whose name does not look like an institution
  (``INSTITUTION_WORDS``), plus the dated, person-like entries of the International file (heads of the
  UN, NATO, the IMF...). One row per dated segment; undated default codes (typically ``[AFGELI]`` after
  the offices) are not rows -- heron makes former office holders ELI itself. Rows ending before
  2000-01-01 are dropped, so people with no segment on or after that day disappear. Entries spelled the
  same become one person (heron merges rows by name). role is empty (the dictionaries name no offices);
  gender is empty; surname is only set when the name ends in Jr./Sr./a regnal number.
  Beware: a ``>D`` segment has no end, so the row reads "still in office"; the dictionaries were last
  updated around 2014-2016 and many of these offices have ended since.
- country = the first code block when it is an ISO3 code heron knows (``heron/data/actors/countries.tsv``)
  or a CAMEO code mapped in ``CAMEO_COUNTRY``. A dependent territory in the second block (``GBRVGB``,
  ``USAPRI``, ``DNKFRO``) is the country. IGO codes give org (``IGO_CODES``) with sector IGO, no country.
- sector: ``sector_for()`` maps the agent blocks with ``CAMEO_SECTOR``: the first block decides, except
  that government + military (``GOVMIL``, the defence ministry) is MIL as in heron, and a religion block
  followed by a more specific one (``MUSRAD``) takes the latter.
- orgs.tsv: International entries coded IGO/NGO/MNC (and the few media, religious and country-coded
  ones), minus person-like entries (names with no organisation word: these are officials coded by their
  organisation, not names of it); MilNonState entries. IGO codes are rewritten to the acronym news and
  heron use (``IGO_CODES``), other codes are kept. Armed groups: ``<ISO3><REB|INS>`` when the code starts
  with a country; ``IMGINS`` for transnational ones (``IMG...``) and those coded by region or
  placeholder (``MEAREB``, ``INTREB``, ``KKLREB``). CAMEO marks nearly every group REB; a group coded
  Islamist (``MUS``), radical (``RAD``), al-Qaeda/ISI or IMG becomes INS. A trailing ``(ACRONYM)`` in a
  group name becomes an alias.
- agents.tsv: phrases in lower case (tokens containing digits, like ``F-16``, keep their case), plural
  from ``{...}`` or the regular rule, substitution sets expanded into singular/plural pairs (``!PERSON!``
  -> ``cattleman``/``cattlemen``, ..., ``cattleperson`` with no plural). Skipped: phrases with characters
  other than letters, digits, blank, ``-``, ``'``, ``.``, ``,``, ``/`` (parentheses, mis-encoded text),
  and codes with no heron sector.
- Names are converted to natural case by ``natural_case()`` (particles al-, bin, de, von... lower case
  inside a name, Mc/O'/D' handled, initials and roman numerals upper case); organisation names keep
  acronyms upper case.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PHOENIX = REPO.parent / "shared" / "data" / "actors" / "phoenix"
DEFAULT_OUT = REPO / "heron" / "data" / "actors" / "phoenix"
COUNTRIES_TSV = REPO / "heron" / "data" / "actors" / "countries.tsv"
CUTOFF = dt.date(2000, 1, 1)

# ---------------------------------------------------------------------------------------------------
# Mapping tables
# ---------------------------------------------------------------------------------------------------

#: heron's sector codes (heron/data/actors/sectors.tsv and the agent types heron knows).
HERON_SECTORS = frozenset(
    "GOV MIL REB INS OPP PTY LEG JUD COP SPY MED BUS CVL EDU HLH LAB AGR REF CRM NGO IGO ELI UAF REL".split())

#: CAMEO country codes that are not ISO 3166 alpha-3 (or not the code heron uses) -> heron's ISO3.
#: Not mapped, so skipped: KNT (Kinakuta, the fictional test country of the CAMEO files), USR/SUN (USSR),
#: DDR (East Germany), CSK (Czechoslovakia), SRP (Republika Srpska), KRJ (Serbian Krajina) -- historic
#: states whose segments all end before 2000 -- and FRN (a typo for FRA, on a territory entry).
CAMEO_COUNTRY = {
    "TMP": "TLS",  # East Timor (CAMEO) -> Timor-Leste
    "KSV": "XKX",  # Kosovo (CAMEO) -> XKX, the user-assigned code heron uses
    "KOS": "XKX",  # Kosovo (older CAMEO spelling)
    "IMY": "IMN",  # Isle of Man
    "ROM": "ROU",  # Romania (pre-2002 ISO / CAMEO)
    "ZAR": "COD",  # Zaire -> DR Congo
    "YUG": "SCG",  # Federal Republic of Yugoslavia 1992-2003 = the state renamed Serbia and Montenegro
    "FRY": "SCG",  # same
    "ANG": "AGO",  # Angola (typo in the MilNonState file: UNITA [ANGREB])
}

#: CAMEO agent (sector) blocks -> heron sector. heron's own codes map to themselves.
CAMEO_SECTOR = {s: s for s in HERON_SECTORS}
CAMEO_SECTOR.update({
    "HRI": "NGO",  # human rights (activists, groups)
    "DEV": "NGO",  # development (aid organisations)
    "ENV": "NGO",  # environmental (activists, groups)
    "NGM": "NGO",  # non-governmental movement
    "MNC": "BUS",  # multinational corporation
    "RAD": "INS",  # radicals, extremists: heron's militant groups
    "IMG": "INS",  # international militarized group (al-Qaeda ...)
    "PPL": "CVL",  # "people", "persons"
    "SET": "CVL",  # settlers
    "UNR": "GOV",  # government of an unrecognised state
    "OCC": "GOV",  # occupation authority (Coalition Provisional Authority in Iraq)
    "AUT": "GOV",  # autonomous-region government (only after a country/territory block)
    "MOD": "OPP",  # moderates (CAMEO opposition subtype)
})

#: CAMEO religion blocks: sector REL unless a later block is more specific (MUSRAD -> INS).
RELIGIONS = frozenset(
    "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW MOS MRM MUS ORT PRO SHI SHN SIK "
    "SUF SUN TAO UDX ZRO".split())
for _r in RELIGIONS:
    CAMEO_SECTOR[_r] = "REL"

#: Blocks that mark a militant Islamist / jihadist group (the armed group becomes INS, not REB).
MILITANT_BLOCKS = frozenset({"MUS", "RAD", "ALQ", "ISI", "INS", "IMG"})

#: CAMEO IGO codes -> the acronym news (and heron/data/actors/igos.tsv) uses. Longest match wins: the full
#: code is looked up first, then ever shorter prefixes (IGOUNOKIDxyz -> IGOUNOKID -> UNICEF). Codes that
#: match nothing except the bare IGO region prefix are kept as they are (IGOSCN: Nordic Council and
#: other Scandinavian IGOs; IGOLAM: Latin American IGOs; IGOEUR: European IGOs).
IGO_CODES = {
    "IGOUNO": "UN",            # United Nations (and its secretariat, peacekeepers, envoys)
    "IGOUNOKID": "UNICEF",     # UN Children's Fund
    "IGOUNOREFHCR": "UNHCR",   # UN refugee agency
    "IGOUNOIAE": "IAEA",       # International Atomic Energy Agency
    "IGOUNOHLHWHO": "WHO",     # World Health Organization
    "IGOUNOWFP": "WFP",        # World Food Programme
    "IGOUNOLABILO": "ILO",     # International Labour Organization
    "IGOUNOJUDICJ": "ICJ",     # International Court of Justice
    "IGOUNOHRIHCH": "OHCHR",   # UN High Commissioner for Human Rights
    "IGOUNODEVWBK": "WB",      # World Bank (heron: WB)
    "IGOUNOWBK": "WB",         # World Bank
    "IGOUNODEV": "UNDP",       # UN development bodies (UNDP, UNIFEM, ESCAP)
    "IGOUNOAGRFAO": "FAO",     # Food and Agriculture Organization
    "IGOUNOAIE": "IEA",        # International Energy Agency
    "IGOUNOENV": "IPCC",       # Intergovernmental Panel on Climate Change (the only IGOUNOENV)
    "IGOUNOJUDWCT": "ICTY",    # UN war crimes tribunal
    "IGOBUSIMF": "IMF",        # International Monetary Fund
    "IGOBUSWTO": "WTO",        # World Trade Organization
    "IGOBUSOPC": "OPEC",       # OPEC
    "IGOOPC": "OPEC",
    "IGOBUSOPCDEV": "OFID",    # OPEC Fund for International Development
    "IGOBUSBIS": "BIS",        # Bank for International Settlements
    "IGOBUSGOE": "G8",         # Group of Eight
    "IGOGOE": "G8",
    "IGOGOS": "G7",            # Group of Seven (heron: G7)
    "IGOBUSGSS": "G77",        # Group of 77
    "IGOEUREEC": "EU",         # European Union / Community
    "IGOEURCOE": "COE",        # Council of Europe
    "IGOEURSCE": "OSCE",       # (C)SCE
    "IGOEURDEVEBR": "EBRD",    # European Bank for Reconstruction and Development
    "IGOEURBUSEFT": "EFTA",    # European Free Trade Association
    "IGOWSTNAT": "NATO",       # NATO
    "IGOWSTBUS": "OECD",       # OECD
    "IGOAFRAFU": "AU",         # African Union
    "IGOAFROAU": "OAU",        # Organization of African Unity
    "IGOAFRDEVAFB": "AFDB",    # African Development Bank
    "IGOAFRDEVNEP": "NEPAD",   # NEPAD
    "IGOAFRBUSCES": "COMESA",  # Common Market for Eastern and Southern Africa
    "IGOAFRBCA": "BEAC",       # Bank of Central African States
    "IGOWAFWAS": "ECOWAS",     # Economic Community of West African States
    "IGOWAFBUSWAS": "ECOWAS",
    "IGOWAFDEVWAM": "UEMOA",   # West African Economic and Monetary Union
    "IGOWAFWAD": "BOAD",       # West African Development Bank
    "IGOEAFEAC": "EAC",        # East African Community
    "IGOEAFDEVIAD": "IGAD",    # Intergovernmental Authority on Development (heron: IGAD)
    "IGODEVIAD": "IGAD",
    "IGOSAFDEVSAD": "SADC",    # Southern African Development Community
    "IGOSAFSAD": "SADC",
    "IGOCAFCEM": "CEMAC",      # Central African Economic and Monetary Community
    "IGOCAFECA": "ECCAS",      # Economic Community of Central African States
    "IGONAFCSS": "CENSAD",     # Community of Sahel-Saharan States
    "IGONAFBUSCSS": "CENSAD",
    "IGOAFRBUS": "CENSAD",     # (CEN-SAD is the only IGOAFRBUS entry)
    "IGOMEAARL": "ARL",        # Arab League (heron: ARL)
    "IGOMEAAMU": "AMU",        # Arab Maghreb Union
    "IGOARBBUSAPE": "OAPEC",   # Organization of Arab Petroleum Exporting Countries
    "IGOPGSGCC": "GCC",        # Gulf Cooperation Council
    "IGOMOSOIC": "OIC",        # Organisation of Islamic Cooperation
    "IGOMOS": "OIC",
    "IGOMOSDEVIDB": "ISDB",    # Islamic Development Bank
    "IGOSEAASN": "ASEAN",      # ASEAN
    "IGOAEAASN": "ASEAN",
    "IGOASADEVADB": "ADB",     # Asian Development Bank
    "IGOSASSAA": "SAARC",      # South Asian Association for Regional Cooperation
    "IGOCAS": "SCO",           # Shanghai Cooperation Organisation (heron: SCO)
    "IGOCASCIS": "CIS",        # Commonwealth of Independent States
    "IGOCWN": "COMMONWEALTH",  # Commonwealth of Nations
    "IGOCOPITP": "INTERPOL",   # Interpol
    "IGOJUDICC": "ICC",        # International Criminal Court
    "IGOOAS": "OAS",           # Organization of American States
    "IGONAMDEV": "IDB",        # Inter-American Development Bank
    "IGOCRB": "CARICOM",       # Caribbean Community (and OECS)
    "IGOSAM": "CAN",           # Andean Community (and UNASUR) -- CAN is the Comunidad Andina's acronym
    "IGONON": "NAM",           # Non-Aligned Movement
    "IGOEEU": "WARSAW",        # Warsaw Treaty Organization
    "IGOSEASOT": "SEATO",      # SEATO
    "IGOSEABUSSOT": "SEATO",
    "IGOLEGIPU": "IPU",        # Inter-Parliamentary Union
    "IGOIPU": "IPU",
}

#: Words that mark an institution, not a person (used on names of dated Countries entries and to tell
#: officials from organisations in the International file).
INSTITUTION_WORDS = frozenset("""
ADMINISTRATION AGENCY ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BATTALION BOARD BRIGADE BRIGADES
BUREAU CABINET CENTER CENTRE CHAMBER COALITION COMMAND COMMISSION COMMITTEE COMMUNITY COMPANY CONFERENCE
CONGRESS CORPORATION CORPS COUNCIL COURT DEPARTMENT DIRECTORATE DIVISION EMBASSY FACTION FEDERATION FORCE
FORCES FOUNDATION FRONT FUND GOVERNMENT GROUP GUARD GUARDS INITIATIVE INSTITUTE INTERNATIONAL JUNTA LEAGUE
MILITIA MINISTRY MISSION MOVEMENT NATIONS NETWORK OFFICE ORGANISATION ORGANIZATION PANEL PARLIAMENT PARTY
PARTNERSHIP POLICE PROGRAM PROGRAMME PROJECT REGIME REPUBLIC SECRETARIAT SENATE SERVICE SERVICES SOCIETY
SOVIET STATE STATES TREATY TRIBUNAL TROOPS UNION UNIT UNITS PEACEKEEPER PEACEKEEPERS MONITOR MONITORS
DELEGATION SPOKESMAN SPOKESWOMAN OFFICIAL OFFICIALS CHIEF ENVOY REPRESENTATIVE RAPPORTEUR SECRETARY-GENERAL
UN U.N. EU NATO IMF UNICEF UNHCR WHO MONUC OHCHR COUNTRIES MINISTERS AREA CONTINGENT FRANCOPHONIE
PARLIAMENTARIANS MAYORS CITIES GOVERNMENTS CATHOLIC PARISHAD EIGHT CEN TIMES POST PRESS JOURNAL JOURNALIST
BROADCASTER NEWS
""".split()) | frozenset(IGO_CODES.values())

#: Office titles stripped from the front of a person's primary name ("FOREIGN_MINISTER_ABDULLAH_");
#: the full form stays an alias. Honorifics that are part of how a person is named (Sir, King, Sheikh)
#: are kept.
TITLE_PREFIXES = (
    "ACTING PRESIDENT", "ACTING PRIME MINISTER", "ACTING MINISTER", "VICE PRESIDENT", "PRESIDENT",
    "PRIME MINISTER", "FOREIGN MINISTER", "DEFENSE MINISTER", "DEFENCE MINISTER", "FINANCE MINISTER",
    "INTERIOR MINISTER", "DEPUTY MINISTER", "MINISTER", "SECRETARY-GENERAL", "SECRETARY GENERAL",
    "GENERAL SECRETARY", "CHANCELLOR", "SENATOR", "GOVERNOR", "MR.", "MRS.", "MS.", "DR.", "DR",
)

#: Lower-case particles inside person names (the first word keeps its capital).
PARTICLES = frozenset({
    "al", "el", "bin", "bint", "ibn", "de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du",
    "la", "le", "van", "von", "y", "zu", "ter", "ten", "ould", "e", "und",
})
#: Hyphen-joined lower-case prefixes inside names: AL-BARADEI -> al-Baradei.
HYPHEN_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "ath", "adh", "ul"})
#: Small words kept lower case inside organisation names.
ORG_SMALL_WORDS = frozenset({
    "of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "a", "an", "or", "against", "from",
    "de", "des", "du", "la", "le", "les", "et", "y", "del", "der", "die", "und", "für", "pour", "el", "al",
})
#: Short words kept upper case inside organisation names (other words are capitalised, except those with
#: no vowel, like BBC or OHCHR, and words with digits).
ACRONYMS = frozenset(w.lower() for w in """
UN US USA UK EU AU UAE NGO NGOS IMF IAEA NATO OPEC ASEAN ICC ICJ ICRC WFP FAO ILO AIDS HIV TV UNDP UNICEF
UNHCR UNESCO WTO OSCE OAS OAU SADC ECOWAS IRA ETA LTTE FARC ELN PLO PFLP DFLP IBM AT&T AG SA NV PLC LLC SPA
AB ASA SE BV UNITA FLEC ANC CIA FBI KGB SAARC UNIFEM OECD EBRD EFTA IPCC APEC OIC
""".split()) | frozenset(v.lower() for v in IGO_CODES.values())
ROMAN = re.compile(r"^(?=[IVXL]+$)L?X{0,3}(IX|IV|V?I{0,3})$")

DATE_FORMATS_SKIPPED = "7-digit or otherwise unreadable dates"


# ---------------------------------------------------------------------------------------------------
# Reading the dictionaries
# ---------------------------------------------------------------------------------------------------

@dataclass
class Segment:
    """One code of an entry, with its date restriction (None = open)."""
    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False


@dataclass
class Entry:
    names: list[str]                      # raw phrases: first root line, other roots, + lines
    segments: list[Segment] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    bad_dates: int = 0

    @property
    def name(self) -> str:
        return self.names[0]


class DateError(ValueError):
    pass


def parse_date(text: str) -> dt.date:
    """A dictionary date: YYMMDD (00-29 -> 20xx, 30-99 -> 19xx) or YYYYMMDD; see the module notes."""
    s = text.strip()
    if not s.isdigit():
        raise DateError(text)
    if len(s) == 10 and s[:2] in ("19", "20"):
        s = s[2:]          # doubled century: 1920030320 -> 20030320
    elif len(s) == 9:
        s = s[:8]          # PETRARCH reads the first 8 digits of a long date
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 29 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    elif len(s) == 8:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        raise DateError(text)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(text) from exc


def parse_code(text: str) -> Segment | None:
    """The inside of ``[...]``: ``CODE``, ``CODE >D``, ``CODE <D``, ``CODE D1-D2`` (also ``-D2``, ``D1-``
    and a bare ``D`` read as a start). Returns None for the null code ``---`` or an empty bracket.
    Raises DateError for a date that cannot be read or an interval that ends before it starts."""
    parts = text.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", code):
        return None
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return Segment(code)
    if rest[0] == "<":
        return Segment(code, None, parse_date(rest[1:]), True)
    if rest[0] == ">":
        return Segment(code, parse_date(rest[1:]), None, True)
    if "-" in rest:
        a, _, b = rest.partition("-")
        start = parse_date(a) if a else None
        end = parse_date(b) if b else None
        if start and end and end < start:
            raise DateError(text)
        return Segment(code, start, end, True)
    return Segment(code, parse_date(rest), None, True)


def _clean_phrase(raw: str) -> str:
    return raw.strip()


def parse_actor_lines(lines) -> list[Entry]:
    """Parse a TABARI/PETRARCH actor dictionary (an iterable of lines) into entries."""
    entries: list[Entry] = []
    cur: Entry | None = None

    def add_codes(entry: Entry, text: str) -> None:
        for inside in re.findall(r"\[([^\]\[]*)\]", text):
            try:
                seg = parse_code(inside)
            except DateError:
                entry.bad_dates += 1
                continue
            if seg is not None:
                entry.segments.append(seg)

    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("<!"):
            continue
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        stripped = body.strip()
        if line[0] in " \t" and not stripped.startswith("+"):
            # indented code line (date restrictions)
            if cur is not None:
                add_codes(cur, body)
            continue
        if stripped.startswith("+"):
            if cur is None:
                continue
            phrase = stripped[1:].split("[", 1)[0]
            cur.names.extend(_synonyms(phrase))
            add_codes(cur, stripped)
            continue
        # root line
        phrase = stripped.split("[", 1)[0]
        if cur is None or cur.segments or cur.bad_dates:
            cur = Entry([])
            entries.append(cur)
        cur.names.extend(_synonyms(phrase))
        if comment.strip():
            cur.comments.append(comment.strip())
        add_codes(cur, stripped)
    return [e for e in entries if e.names]


def _synonyms(phrase: str) -> list[str]:
    """The names of one dictionary line: a missing line break glued two synonyms ("A_+_B"); a "+" inside a word
    is part of the name ("B+H_OCEAN_CARRIERS")."""
    return [p for p in (_clean_phrase(x) for x in re.split(r"(?<=_)\+|\+(?=_)", phrase)) if p]


# ---------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------

def plain(phrase: str) -> str:
    """Dictionary phrase -> words: underscores and blanks become single spaces."""
    return " ".join(phrase.replace("_", " ").split())


def _cap(word: str) -> str:
    """Capitalise the first letter and letters after a leading apostrophe/O'/D' or a period; lower the rest."""
    out = []
    up = True
    for i, ch in enumerate(word):
        if ch.isalpha():
            out.append(ch.upper() if up else ch.lower())
            up = False
        else:
            out.append(ch)
            # O'BRIEN, D'ALEMA, 'AZIZ: capital after an apostrophe in the first two characters;
            # R.K.: capital after a period
            up = (ch == "'" and i <= 1) or ch in '."`(' 
    return "".join(out)


def _person_word(word: str, first: bool) -> str:
    low = word.lower()
    if ROMAN.match(word) and word not in ("I",) and len(word) <= 4 and not first:
        return word.upper()
    if low in ("jr.", "jr", "sr.", "sr"):
        return low.capitalize()
    if not first and low in PARTICLES:
        return low
    pieces = word.split("-")
    out = []
    for k, piece in enumerate(pieces):
        lp = piece.lower()
        if lp in HYPHEN_PARTICLES and k < len(pieces) - 1 and not (first and k == 0):
            out.append(lp)
        elif lp.startswith("mc") and len(lp) > 2:
            out.append("Mc" + _cap(piece[2:]))
        else:
            out.append(_cap(piece))
    return "-".join(out)


def _org_word(word: str, first: bool, last: bool = False) -> str:
    m = re.match(r"^([(\"]*)(.*?)([)\",:]*)$", word)
    lead, core, trail = m.groups() if m else ("", word, "")
    if not core:
        return word
    low = core.lower()
    letters = re.sub(r"[^A-Za-z]", "", core)
    if not first and not lead and low in ORG_SMALL_WORDS and not (low == "a" and last):
        return word.lower()
    if lead == "(" and core.isupper() and len(letters) <= 6:
        return word                              # (IFPMA)
    if "." in core and 1 <= len(letters) <= 4 and core.upper() == core:
        return lead + core.upper() + trail       # U.N., U.S.
    if re.search(r"\d", core) or low in ACRONYMS or (letters and len(letters) > 1 and letters.isupper()
                                                       and not re.search(r"[AEIOUY]", letters)):
        return lead + core.upper() + trail       # UN, USA, OHCHR, BBC, F5
    if "/" in core:
        return lead + "/".join(_org_word(p, first) if p else p for p in core.split("/")) + trail
    if "-" in core:
        pieces = core.split("-")
        return lead + "-".join(
            (p.lower() if k and p.lower() in HYPHEN_PARTICLES | {"e", "i", "ye", "ul", "ud", "ur", "o"}
             else _org_word(p, k == 0 and first)) if p else p
            for k, p in enumerate(pieces)) + trail
    return lead + _cap(core) + trail


def natural_case(phrase: str, kind: str = "person") -> str:
    """``VLADIMIR_PUTIN`` -> ``Vladimir Putin``; ``MUHAMMAD_AL-BARADEI`` -> ``Muhammad al-Baradei``;
    ``ROBERT_MCNAMARA`` -> ``Robert McNamara``. kind="org": acronyms stay upper case, small words lower
    (``UNITED_NATIONS_CHILDREN'S_FUND`` -> ``United Nations Children's Fund``). A single-word organisation
    name of up to 6 letters is an acronym (``UNICEF``)."""
    words = plain(phrase).split()
    if kind == "org":
        if len(words) == 1 and len(re.sub(r"[^A-Za-z]", "", words[0])) <= 6 and words[0].upper() == words[0]:
            return words[0]
        return " ".join(_org_word(w, i == 0, i == len(words) - 1) for i, w in enumerate(words))
    return " ".join(_person_word(w, i == 0) for i, w in enumerate(words))


def usable(phrase: str) -> bool:
    """A phrase we can write: no control characters or replacement characters, some letters."""
    return bool(re.search(r"[A-Za-z]", phrase)) and not re.search(r"[\x00-\x1f\x7f\ufffd]", phrase) \
        and "Ã" not in phrase


def strip_title(words: str) -> str:
    """Drop a leading office title: "Foreign Minister Abdullah" -> "Abdullah" (upper-case input)."""
    up = words.upper()
    for title in TITLE_PREFIXES:
        if up.startswith(title + " ") and len(up) > len(title) + 1:
            return words[len(title) + 1:]
    return words


def split_acronym(name: str, keep: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """``ADEN_ISLAMIC_ARMY_(IAA)`` -> (``ADEN_ISLAMIC_ARMY``, [``IAA``]). Only short, acronym-like
    parentheses (up to 4 letters, or at most one vowel) move to the aliases; words such as
    ``(COLOMBIA)`` and anything in ``keep`` (upper-case country names) stay in the name."""
    m = re.search(r"\(([A-Z][A-Z0-9.\-]{1,7})\)[\s_]*$", name)
    if not m:
        return name, []
    inner = m.group(1)
    letters = re.sub(r"[^A-Z]", "", inner)
    acronym = len(letters) <= 4 or sum(ch in "AEIOU" for ch in letters) <= 1
    if not acronym or inner in keep:
        return name, []
    return name[:m.start()].rstrip(" _"), [inner]


# ---------------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------------

def load_countries(path: Path = COUNTRIES_TSV) -> frozenset[str]:
    """ISO3 codes heron knows (first column of heron/data/actors/countries.tsv)."""
    codes = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            first = line.split("\t", 1)[0].strip()
            if re.fullmatch(r"[A-Z]{3}", first):
                codes.add(first)
    return frozenset(codes)


def blocks(code: str) -> list[str]:
    """``AFGGOVAGR`` -> [AFG, GOV, AGR]; digits (CAMEO religion sub-codes like PRO214) are dropped."""
    letters = re.sub(r"[^A-Z]", "", code.upper())
    return [letters[i:i + 3] for i in range(0, len(letters) - len(letters) % 3, 3)]


def country_of(block: str, countries: frozenset[str]) -> str | None:
    block = CAMEO_COUNTRY.get(block, block)
    return block if block in countries else None


def sector_for(agent_blocks: list[str], ministry: bool = False) -> str | None:
    """heron sector of a list of CAMEO agent blocks (country and IGO blocks already removed).

    The first mapped block decides, except: GOV followed by MIL (defence ministry) -> MIL; a religion
    block followed by a non-religion one takes the latter (MUSRAD -> INS, UAFMUS stays UAF). With
    ``ministry`` (an agent phrase naming a ministry) issue-area codes (DEV, ENV, HRI) are GOV."""
    mapped = [(b, CAMEO_SECTOR.get(b)) for b in agent_blocks]
    mapped = [(b, s) for b, s in mapped if s]
    if not mapped:
        return None
    first_block, first = mapped[0]
    if first == "GOV" and any(s == "MIL" for _, s in mapped[1:]):
        return "MIL"
    if first_block in RELIGIONS:
        later = [s for b, s in mapped[1:] if b not in RELIGIONS]
        if later:
            return later[0]
    if ministry and first_block in ("DEV", "ENV", "HRI"):
        return "GOV"
    return first


def igo_code(code: str) -> str:
    """CAMEO IGO code -> acronym (``IGOUNOKID`` -> ``UNICEF``); unmapped codes are returned unchanged."""
    letters = "".join(blocks(code))
    for n in range(len(letters), 5, -3):
        if letters[:n] in IGO_CODES:
            return IGO_CODES[letters[:n]]
    return letters or code


def person_code(code: str, countries: frozenset[str]) -> tuple[str, str, str] | None:
    """A person's code -> (country, org, sector), or None if it is not a country/IGO + agent code.

    ``AFGGOVAGR`` -> (AFG, "", GOV); ``GBRVGBGOV`` -> (VGB, "", GOV); ``AFGGOVMIL`` -> (AFG, "", MIL);
    ``IGOUNOKID`` -> ("", UNICEF, IGO)."""
    bl = blocks(code)
    if not bl:
        return None
    if bl[0] == "IGO":
        return ("", igo_code(code), "IGO")
    country = country_of(bl[0], countries)
    if country is None:
        return None
    rest = bl[1:]
    # a dependent territory or (Soviet) republic in the second block: GBRVGB, USAPRI, SUNRUS, SDNSSD
    if rest and rest[0] not in CAMEO_SECTOR and country_of(rest[0], countries):
        country = country_of(rest[0], countries)
        rest = rest[1:]
    sector = sector_for(rest)
    if sector is None:
        return None
    return (country, "", sector)


# ---------------------------------------------------------------------------------------------------
# people.tsv
# ---------------------------------------------------------------------------------------------------

PEOPLE_COLUMNS = ("name", "aliases", "surname", "gender", "country", "org", "role", "sector", "start", "end")


def looks_like_person(phrase: str) -> bool:
    """No institution word, 1-6 words, no leading "THE"."""
    words = plain(phrase).upper().split()
    if not words or len(words) > 6 or words[0] == "THE":
        return False
    return not any(w.strip(",.'()") in INSTITUTION_WORDS or w in INSTITUTION_WORDS for w in words)


def person_names(entry: Entry) -> tuple[str, list[str]] | None:
    """(name, aliases) in natural case; the first usable phrase is the name (office title stripped)."""
    phrases = [plain(p) for p in entry.names if usable(p)]
    phrases = [p.replace(";", ",") for p in phrases if p]
    if not phrases:
        return None
    phrases = [re.sub(r"\s*\([^)]*(\)|$)", "", p).strip() or p for p in phrases]
    primary = phrases[0]
    bare = strip_title(primary)
    name = natural_case(bare)
    aliases = []
    seen = {name.lower()}
    for p in ([primary] if bare != primary else []) + phrases[1:]:
        a = natural_case(p)
        if a.lower() not in seen and len(a) > 1:
            seen.add(a.lower())
            aliases.append(a)
    return name, aliases


def surname_of(name: str) -> str:
    """Only set when the last word is not the surname: "Martin Luther King Jr." -> "King"."""
    words = name.split()
    if len(words) >= 3 and (words[-1] in ("Jr.", "Jr", "Sr.", "Sr") or ROMAN.match(words[-1])):
        return words[-2].rstrip(",")
    return ""


def people_rows(entries: list[Entry], countries: frozenset[str], stats: dict,
                require_person_name: bool = True) -> dict[str, dict]:
    """name -> {"aliases": set, "rows": set of (country, org, sector, start, end)}."""
    people: dict[str, dict] = {}
    for entry in entries:
        dated = [s for s in entry.segments if s.dated]
        if not dated:
            continue
        coded = [(s, person_code(s.code, countries)) for s in dated]
        coded = [(s, c) for s, c in coded if c]
        if not coded:
            stats["people: dated entries without a country/IGO + agent code"] += 1
            continue
        if require_person_name and not looks_like_person(entry.name):
            stats["people: dated entries named like an institution"] += 1
            continue
        names = person_names(entry)
        if names is None:
            stats["people: entries without a readable name"] += 1
            continue
        name, aliases = names
        rows = set()
        for seg, (country, org, sector) in coded:
            if seg.end is not None and seg.end <= CUTOFF:
                continue
            rows.add((country, org, sector, seg.start.isoformat() if seg.start else "",
                      seg.end.isoformat() if seg.end else ""))
        if not rows:
            stats["people: persons with no segment on or after 2000-01-01"] += 1
            continue
        person = people.setdefault(name, {"aliases": set(), "rows": set()})
        person["aliases"].update(aliases)
        person["rows"].update(rows)
    return people


def format_people(people: dict[str, dict]) -> list[tuple[str, ...]]:
    out = []
    for name in sorted(people, key=lambda n: (n.lower(), n)):
        person = people[name]
        aliases = ";".join(sorted((a for a in person["aliases"] if a.lower() != name.lower()),
                                  key=lambda a: (a.lower(), a)))
        surname = surname_of(name)
        for country, org, sector, start, end in sorted(person["rows"], key=lambda r: (r[3], r[4], r)):
            out.append((name, aliases, surname, "", country, org, "", sector, start, end))
    return out


# ---------------------------------------------------------------------------------------------------
# orgs.tsv
# ---------------------------------------------------------------------------------------------------

ORG_COLUMNS = ("code", "name", "aliases", "country", "sector")


def org_for_code(code: str, countries: frozenset[str]) -> tuple[str, str, str] | None:
    """An International-file code -> (code, country, sector)."""
    bl = blocks(code)
    if not bl:
        return None
    head = bl[0]
    if head == "IGO":
        return (igo_code(code), "", "IGO")
    if head in ("NGO", "MNC"):
        country = next((country_of(b, countries) for b in bl[1:2]
                        if b not in CAMEO_SECTOR and country_of(b, countries)), None)
        return ("".join(bl) or code, country or "", "NGO" if head == "NGO" else "BUS")
    country = country_of(head, countries)
    if country and head not in CAMEO_SECTOR:
        sector = sector_for(bl[1:])
        return (("".join(bl)), country, sector) if sector else None
    sector = sector_for(bl)
    return ("".join(bl), "", sector) if sector else None


def armed_group_code(code: str, countries: frozenset[str]) -> tuple[str, str, str]:
    """A MilNonState code -> (code, country, sector): ``<ISO3>REB``/``<ISO3>INS`` or ``IMGINS``."""
    bl = blocks(code)
    militant = any(b in MILITANT_BLOCKS for b in bl)
    country = country_of(bl[0], countries) if bl and bl[0] not in CAMEO_SECTOR else None
    if bl and bl[0] == "IMG" or country is None:
        return ("IMGINS", "", "INS")
    sector = "INS" if militant else "REB"
    return (country + sector, country, sector)


def load_country_names(path: Path = COUNTRIES_TSV) -> frozenset[str]:
    """Upper-case country names and aliases from heron/data/actors/countries.tsv (kept in group names)."""
    names = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("iso3\t"):
                continue
            cells = line.rstrip("\n").split("\t")
            for cell in cells[1:3]:
                names.update(n.strip().upper().replace(" ", "_") for n in cell.split(";") if n.strip())
    return frozenset(names)


def org_names(entry: Entry, keep: frozenset[str] = frozenset()) -> tuple[str, list[str]] | None:
    phrases = []
    for p in entry.names:
        if not usable(p):
            continue
        base, acronyms = split_acronym(p.strip(), keep)
        phrases.append(base)
        phrases.extend(acronyms)
    phrases = [plain(p).replace(";", ",") for p in phrases]
    phrases = [p for p in phrases if p]
    if not phrases:
        return None
    name = natural_case(phrases[0], "org")
    seen = {name.lower()}
    aliases = []
    for p in phrases[1:]:
        a = natural_case(p, "org")
        if a.lower() not in seen:
            seen.add(a.lower())
            aliases.append(a)
    return name, aliases


def org_rows(international: list[Entry], armed: list[Entry], countries: frozenset[str],
             stats: dict) -> list[tuple[str, ...]]:
    merged: dict[tuple[str, str, str, str], set[str]] = {}
    keep = load_country_names()

    def add(code: str, country: str, sector: str, entry: Entry) -> None:
        names = org_names(entry, keep)
        if names is None:
            stats["orgs: entries without a readable name"] += 1
            return
        name, aliases = names
        merged.setdefault((code, name, country, sector), set()).update(aliases)

    for entry in international:
        codes = [s.code for s in entry.segments]
        if not codes:
            stats["orgs: International entries without a code"] += 1
            continue
        org_codes = [c for c in codes if c[:3] in ("IGO", "NGO", "MNC")]
        if not any(c[:3] in ("NGO", "MNC") for c in codes) and looks_like_person(entry.name) \
                and len(plain(entry.name).split()) >= 2:
            # an official coded by the organisation, not the organisation: dated ones go to people.tsv
            stats["orgs: International person-like entries (to people.tsv if dated, else skipped)"] += 1
            continue
        undated = [s.code for s in entry.segments if not s.dated]
        chosen = (org_codes or undated or codes)[0]
        if org_codes:
            preferred = [c for c in org_codes if c in undated] or org_codes
            chosen = preferred[0]
        target = org_for_code(chosen, countries)
        if target is None:
            stats["orgs: International entries with a code heron cannot use"] += 1
            continue
        add(*target, entry)

    for entry in armed:
        if not entry.segments:
            stats["orgs: MilNonState entries without a code"] += 1
            continue
        undated = [s.code for s in entry.segments if not s.dated] or [s.code for s in entry.segments]
        add(*armed_group_code(undated[0], countries), entry)

    rows = []
    for (code, name, country, sector), aliases in merged.items():
        al = ";".join(sorted((a for a in aliases if a.lower() != name.lower()), key=lambda a: (a.lower(), a)))
        rows.append((code, name, al, country, sector))
    rows.sort(key=lambda r: (r[0], r[1].lower(), r))
    return rows


# ---------------------------------------------------------------------------------------------------
# agents.tsv
# ---------------------------------------------------------------------------------------------------

AGENT_COLUMNS = ("phrase", "sector", "plural")
AGENT_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-'.,/]*$")


PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "at", "with", "against", "from", "without", "under"})


def regular_plural(phrase: str) -> str:
    """Plural of the head word -- the last word, or the word before the first preposition ("department of
    agriculture" -> "departments of agriculture"): +S; consonant+Y -> IES; S/SH/CH/X/Z -> ES; MAN -> MEN.
    No plural (empty) for a head ending in a period (abbreviations) or a digit."""
    words = phrase.split(" ")
    head = next((i - 1 for i, x in enumerate(words) if i > 0 and x.lower() in PREPOSITIONS), len(words) - 1)
    if words[head][-1:] in ".0123456789":
        return ""
    return " ".join(words[:head] + [_plural_word(words[head])] + words[head + 1:])


def _plural_word(w: str) -> str:
    up = w.upper()
    if up.endswith("MAN") and not up.endswith(("GERMAN", "OTTOMAN")):
        p = w[:-3] + ("MEN" if w[-3:].isupper() else "men")
    elif up.endswith("Y") and len(up) > 1 and up[-2] not in "AEIOU":
        p = w[:-1] + ("IES" if w[-1].isupper() else "ies")
    elif up.endswith(("S", "SH", "CH", "X", "Z")):
        p = w + ("ES" if w[-1].isupper() else "es")
    else:
        p = w + ("S" if w[-1:].isupper() else "s")
    return p


def _is_plural_of(plural: str, singular: str) -> bool:
    return plural == regular_plural(singular)


def substitution_pairs(items: list[str]) -> list[tuple[str, str]]:
    """A substitution set as (singular, plural) pairs: an element that is the plural of the element
    before it pairs with it; an unpaired element has no plural (PETRARCH forms none for sets).
    ``MAN, MEN, WOMAN, WOMEN, PERSON`` -> (MAN, MEN), (WOMAN, WOMEN), (PERSON, "")."""
    pairs = []
    i = 0
    while i < len(items):
        if i + 1 < len(items) and _is_plural_of(items[i + 1], items[i]):
            pairs.append((items[i], items[i + 1]))
            i += 2
        else:
            pairs.append((items[i], ""))
            i += 1
    return pairs


def agent_phrase(raw: str) -> str | None:
    """Dictionary agent phrase -> plain lower-case words, or None if it cannot be written plainly."""
    text = plain(raw.replace("_", " "))
    if not text or not AGENT_OK.match(text):
        return None
    return " ".join(w if re.search(r"\d", w) else w.lower() for w in text.split())


def agent_code_sector(code: str, phrase: str) -> str | None:
    """``~GOVAGR`` -> GOV, ``~GOVMIL`` -> MIL, ``~MUSRAD`` -> INS, ``IGO~`` -> IGO."""
    c = code.strip()
    if c.endswith("~"):          # prefix code: NGO~, IGO~
        return sector_for(blocks(c[:-1]))
    return sector_for(blocks(c.lstrip("~")), ministry="minist" in phrase.lower())


def parse_agents(lines, stats: dict) -> list[tuple[str, str, str]]:
    """Parse an agents dictionary into (phrase, sector, plural) rows (not yet sorted or deduplicated)."""
    subsets: dict[str, list[str]] = {}
    rows = []
    for line in lines:
        line = line.rstrip("\r\n")
        body = line.split("#", 1)[0]
        if not body.strip() or line.startswith("<!"):
            continue
        m = re.match(r"\s*!([A-Z]+)!\s*=\s*(.+)$", body)
        if m:
            subsets[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        if "[" not in body:
            stats["agents: lines without a code"] += 1
            continue
        phrase_part, _, code_part = body.partition("[")
        code = code_part.split("]", 1)[0].strip()
        phrase_part = phrase_part.strip()
        plural_raw: str | None = None          # None: regular plural; "": no plural
        m = re.search(r"\{([^}]*)\}", phrase_part)
        if m:
            plural_raw = m.group(1).strip()
            phrase_part = (phrase_part[:m.start()] + phrase_part[m.end():]).strip()
        elif "{" in phrase_part:
            stats["agents: skipped (unbalanced braces)"] += 1
            continue
        # (singular, plural) candidates in dictionary form
        forms: list[tuple[str, str | None]]
        mk = re.search(r"!([A-Z]+)!", phrase_part)
        if mk:
            if mk.group(1) not in subsets:
                stats["agents: skipped (undefined substitution set)"] += 1
                continue
            forms = [(phrase_part[:mk.start()] + s + phrase_part[mk.end():],
                      (phrase_part[:mk.start()] + p + phrase_part[mk.end():]) if p else "")
                     for s, p in substitution_pairs(subsets[mk.group(1)])]
        else:
            forms = [(phrase_part, plural_raw)]
        for singular_raw, plur in forms:
            phrase = agent_phrase(singular_raw)
            if phrase is None:
                stats["agents: skipped (not a plain phrase)"] += 1
                continue
            sector = agent_code_sector(code, phrase)
            if sector is None:
                stats["agents: skipped (code with no heron sector)"] += 1
                continue
            if plur is None:
                plural = regular_plural(phrase)
            elif plur == "":
                plural = ""
            else:
                plural = agent_phrase(plur) or ""
            rows.append((phrase, sector, plural))
    return rows


def agent_rows(lines, stats: dict) -> list[tuple[str, str, str]]:
    rows = {}
    for phrase, sector, plural in parse_agents(lines, stats):
        key = (phrase, sector)
        # the same phrase twice with one sector: keep the first plural form given
        if key not in rows or (not rows[key] and plural):
            rows[key] = plural
    return sorted(((p, s, pl) for (p, s), pl in rows.items()), key=lambda r: (r[0], r[1]))


# ---------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------

HEADER = ("# Derived from PETRARCH2's Phoenix dictionaries (Copyright (c) 2014 Open Event Data Alliance, MIT "
          "licence; see README.md). Generated by scripts/build_phoenix_actors.py: do not edit by hand.\n")


def write_tsv(path: Path, comment: str, columns: tuple[str, ...], rows) -> int:
    lines = [HEADER, comment if comment.endswith("\n") else comment + "\n", "\t".join(columns) + "\n"]
    n = 0
    for row in rows:
        cells = [re.sub(r"[\t\r\n]+", " ", c) for c in row]
        lines.append("\t".join(cells) + "\n")
        n += 1
    path.write_text("".join(lines), encoding="utf-8", newline="\n")
    return n


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def build(phoenix: Path, out: Path) -> dict:
    countries = load_countries()
    stats: dict[str, int] = defaultdict(int)
    country_entries = parse_actor_lines(read_lines(phoenix / "Phoenix.Countries.actors.txt"))
    intl_entries = parse_actor_lines(read_lines(phoenix / "Phoenix.International.actors.txt"))
    armed_entries = parse_actor_lines(read_lines(phoenix / "Phoenix.MilNonState.actors.txt"))
    for e in country_entries + intl_entries + armed_entries:
        stats["segments skipped: unreadable date or interval ending before it starts"] += e.bad_dates

    people = people_rows(country_entries, countries, stats)
    # International: dated officials that are not organisations
    intl_people = [e for e in intl_entries
                   if not any(s.code[:3] in ("NGO", "MNC") for s in e.segments)
                   and looks_like_person(e.name) and len(plain(e.name).split()) >= 2]
    for name, person in people_rows(intl_people, countries, stats).items():
        target = people.setdefault(name, {"aliases": set(), "rows": set()})
        target["aliases"].update(person["aliases"])
        target["rows"].update(person["rows"])
    stats["people: undated-only entries (no dated segment, not converted)"] = sum(
        1 for e in country_entries
        if e.segments and not any(s.dated for s in e.segments)
        and all(len(blocks(s.code)) >= 2 for s in e.segments) and looks_like_person(e.name))
    people_table = format_people(people)
    orgs_table = org_rows(intl_entries, armed_entries, countries, stats)
    agents_table = agent_rows(read_lines(phoenix / "Phoenix.agents.txt"), stats)

    out.mkdir(parents=True, exist_ok=True)
    counts = {
        "people.tsv": write_tsv(out / "people.tsv",
                                "# One row per dated code segment of a person (same name = same person). role and "
                                "gender are not in the dictionaries;\n# an empty end means the segment was open "
                                "when the dictionary was last edited (about 2014-2016), not that the office is held "
                                "today.", PEOPLE_COLUMNS, people_table),
        "orgs.tsv": write_tsv(out / "orgs.tsv",
                              "# International organisations (IGO codes as acronyms: UN, EU, NATO ...), NGOs, "
                              "companies (BUS) and non-state armed groups\n# (<ISO3>REB/<ISO3>INS, IMGINS for "
                              "transnational groups).", ORG_COLUMNS, orgs_table),
        "agents.tsv": write_tsv(out / "agents.tsv",
                                "# Agent nouns -> sector (matching is case-insensitive). plural empty: the phrase "
                                "has no separate plural form.", AGENT_COLUMNS, agents_table),
    }
    counts["persons"] = len(people)
    licence = (phoenix / "LICENSE").read_text(encoding="utf-8") if (phoenix / "LICENSE").exists() else ""
    write_readme(out, counts, dict(stats), licence)
    return {"counts": counts, "stats": dict(stats)}


def write_readme(out: Path, counts: dict, stats: dict, licence: str) -> None:
    skipped = "\n".join(f"- {k}: {v}" for k, v in sorted(stats.items()))
    body = licence.strip()
    # The dictionary headers carry the 2014 notice; the repository LICENSE file says 2016. Keep both.
    text = f"""# Phoenix actor dictionaries, converted for heron

Tab-separated files derived from the actor and agent dictionaries of PETRARCH2, the Open Event Data
Alliance's Phoenix event coder (https://github.com/openeventdata/petrarch2), which descend from the CAMEO
dictionaries of the Computational Event Data System project (http://eventdata.parusanalytics.com).
They are not loaded by heron automatically: they are raw material to review and merge into the actor base.

| file | rows | columns | content |
|---|---|---|---|
| `people.tsv` | {counts['people.tsv']} ({counts['persons']} people) | name, aliases, surname, gender, country, org, role, sector, start, end | one row per dated code segment of a person (the columns of `../people.tsv`); segments ending before 2000-01-01 dropped |
| `orgs.tsv` | {counts['orgs.tsv']} | code, name, aliases, country, sector | IGOs (code = acronym: UN, EU, NATO, AU ...), NGOs, companies (sector BUS) and non-state armed groups (`<ISO3>REB`/`<ISO3>INS`, `IMGINS`) |
| `agents.tsv` | {counts['agents.tsv']} | phrase, sector, plural | agent nouns ("minister", "rebel", "farmer") and their sector |

Caveats: the dictionaries were last edited around 2014-2016. A segment written `>date` has no end, so it
reads as "still in office"; roles and genders are not in the source; names were converted from upper case
by rule and some will be cased imperfectly; people spelled the same are merged.

## How they were built

    python scripts/build_phoenix_actors.py --phoenix ../shared/data/actors/phoenix --out heron/data/actors/phoenix

from `Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`
and `Phoenix.agents.txt` (`Phoenix.discards.txt` holds no actors). The script (stdlib only) documents the
dictionary format, the sector and code mappings and every conversion decision; the output is sorted and
identical on every run.

Not converted:

{skipped}

## Licence

The source dictionaries are distributed under the MIT licence. Their headers read
"Copyright (c) 2014 Open Event Data Alliance"; the LICENSE file distributed with them reads:

```
{body}
```

Copyright (c) 2014 Open Event Data Alliance. Attribution: PETRARCH2 / Phoenix (Open Event Data Alliance)
and the CAMEO dictionaries of the Computational Event Data System project. The derived files above are
distributed under the same MIT licence.
"""
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="directory of the Phoenix files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    result = build(args.phoenix, args.out)
    for name, n in result["counts"].items():
        print(f"{name}: {n}")
    for key, n in sorted(result["stats"].items()):
        print(f"  {key}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
