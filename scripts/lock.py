"""Turns pip's pylock.toml into a requirements file of exact versions with their sha256 hashes.

``scripts/lock.sh`` runs it; ``scripts/setup.sh`` installs from its output with ``--require-hashes``,
so a file on the index that changed under the same version is refused. The requirements format
(not pylock.toml itself) because pylock.toml records where pip found each file, a path on one
machine's mirror, while a hash holds on any index that serves the same file.

    python scripts/lock.py pylock.toml > requirements.lock
"""
from __future__ import annotations

import sys
import tomllib


def requirements(lock: dict) -> list[str]:
    """One ``name==version --hash=...`` entry per locked package; local directories (heron itself) are left out."""
    out = []
    for pkg in sorted(lock["packages"], key=lambda p: p["name"]):
        files = [*pkg.get("wheels", ()), *([pkg["sdist"]] if "sdist" in pkg else [])]
        if not files:  # a directory or VCS entry has no file to hash
            continue
        hashes = sorted({f["hashes"]["sha256"] for f in files})
        out.append(f"{pkg['name']}=={pkg['version']} \\\n" + " \\\n".join(f"    --hash=sha256:{h}" for h in hashes))
    return out


def main() -> None:
    with open(sys.argv[1], "rb") as f:
        lock = tomllib.load(f)
    sys.stdout.write("\n".join(requirements(lock)) + "\n")


if __name__ == "__main__":
    main()
