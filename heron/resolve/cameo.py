"""CAMEO codes and PLOVER types: label, PLOVER type, quad class and Goldstein weight.

Two reviewable tables under ``heron/data/cameo/``: ``cameo_codes.tsv`` (one row per
CAMEO code, built from the CAMEO codebook and the 2021 CAMEO->PLOVER conversion) and
``plover_types.tsv`` (one row per PLOVER type: default CAMEO code, quad class as the
PLOVER manual defines it, and the root/quad the PLV benchmark uses, where CONCEDE and
RETREAT are merged into YIELD).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from heron.datafiles import read_tsv


@dataclass(frozen=True)
class CameoInfo:
    code: str
    label: str
    plover: str | None  # None for codes PLOVER drops (public statements)
    quad: int | None
    goldstein: float


@dataclass(frozen=True)
class PloverType:
    name: str
    default_cameo: str
    quad: int  # PLOVER manual
    plv_root: str  # PLV benchmark root (YIELD for CONCEDE/RETREAT)
    plv_quad: int
    description: str


def _rows(name: str) -> list[dict[str, str]]:
    return read_tsv("cameo", name)


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    table = {}
    for r in _rows("cameo_codes.tsv"):
        table[r["cameo"]] = CameoInfo(
            code=r["cameo"],
            label=r["label"],
            plover=r["plover"] or None,
            quad=int(r["quad"]) if r["quad"] else None,
            goldstein=float(r["goldstein"]),
        )
    return table


@lru_cache(maxsize=1)
def plover_table() -> dict[str, PloverType]:
    return {
        r["plover"]: PloverType(
            name=r["plover"],
            default_cameo=r["default_cameo"],
            quad=int(r["quad"]),
            plv_root=r["plv_root"],
            plv_quad=int(r["plv_quad"]),
            description=r["description"],
        )
        for r in _rows("plover_types.tsv")
    }


PLOVER_TYPES: tuple[str, ...] = (
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)


def cameo_info(code: str) -> CameoInfo:
    """The table row of a CAMEO code; KeyError with the code when it is unknown."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def plover_default(plover_type: str) -> CameoInfo:
    """The CAMEO row used when the text supports nothing more specific than the PLOVER type."""
    return cameo_info(plover_info(plover_type).default_cameo)


def plover_info(plover_type: str) -> PloverType:
    try:
        return plover_table()[plover_type]
    except KeyError:
        raise KeyError(f"unknown PLOVER type {plover_type!r}") from None


def quad(plover_type: str) -> int:
    """Quad class of a PLOVER type as the PLOVER manual defines it (1-4)."""
    return plover_info(plover_type).quad


def plv_root(plover_type: str) -> str:
    """The root label the PLV benchmark uses for a PLOVER type (CONCEDE/RETREAT -> YIELD)."""
    return plover_info(plover_type).plv_root


def consistent_cameo(code: str | None, plover_type: str) -> CameoInfo:
    """The most specific CAMEO code of ``plover_type`` compatible with ``code``.

    Walks up from ``code`` (4 -> 3 digits) until the code belongs to the type, and falls
    back to the type's default code when none does (e.g. the classifier re-typed the event).
    """
    table = cameo_table()
    candidate = code
    while candidate and len(candidate) >= 3:
        info = table.get(candidate)
        if info is not None and info.plover == plover_type:
            return info
        candidate = candidate[:-1]
    return plover_default(plover_type)


@lru_cache(maxsize=1)
def _embedded() -> dict[tuple[str, str], str]:
    return {(r["matrix"], r["embedded"]): r["cameo"] for r in _rows("embedded_codes.tsv")}


def embedded_code(matrix_type: str, embedded_type: str) -> str | None:
    """CAMEO code of an event whose complement is another event ("agreed to meet" -> 036), if CAMEO has one."""
    return _embedded().get((matrix_type, embedded_type))
