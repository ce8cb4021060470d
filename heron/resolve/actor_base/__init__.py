"""heron's actor base: countries, seats of power, organisations, armed groups, office holders and role words.

The base is the TSV files under ``heron/data/actors/`` (reviewable, hand-edited): ``build`` loads them
into the lookup tables of ``base``, which answer the questions the ``heron_actors`` component asks: what
does this name refer to, who held this office on this date, what sector is this role. It knows nothing
about spaCy. Users extend the base with their own actors file (``user_file``, format in
``heron/data/actors/README.md``), merged over the shipped files at load time; its rows win.
"""
from heron.resolve.actor_base.base import (
    DEPUTY_WORDS,
    SHIPPED,
    USER,
    WEST,
    ActorBase,
    ActorBaseError,
    Country,
    Entry,
    Office,
    Person,
    Role,
    surface_key,
)
from heron.resolve.actor_base.build import load_base, read_tsv
from heron.resolve.actor_base.user_file import (
    CODE_RE,
    HOME_ENV,
    USER_COLUMNS,
    USER_FILE_ENV,
    USER_KIND_COLUMNS,
    USER_KINDS,
    append_user_row,
    read_user_rows,
    user_actors_path,
    user_row_problems,
)

__all__ = [
    "CODE_RE", "DEPUTY_WORDS", "HOME_ENV", "SHIPPED", "USER", "USER_COLUMNS", "USER_FILE_ENV", "USER_KINDS",
    "USER_KIND_COLUMNS", "WEST", "ActorBase", "ActorBaseError", "Country", "Entry", "Office", "Person", "Role",
    "append_user_row", "load_base", "read_tsv", "read_user_rows", "surface_key", "user_actors_path",
    "user_row_problems",
]
