"""A store file that is locked, read-only, truncated or not DuckDB at all, and a full disk: each gives one
clear error and leaves the store as it was."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from heron.cli.main import cli
from heron.records import Article, Extraction
from heron.store import Store, StoreError


def _extraction(text: str) -> Extraction:
    return Extraction(article=Article(text=text, date="2023-03-07", input="a.txt"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in sorted(folder.iterdir())}


@pytest.fixture
def store_file(tmp_path) -> Path:
    path = tmp_path / "news.duckdb"
    with Store(path) as store:
        store.write([_extraction("Police arrested five protesters in Lyon on Monday.")])
    return path


def _refused(path: Path, expected: str, read_only: bool = False) -> None:
    """Opening and writing fail with one line saying ``expected``; no file in the folder changes."""
    before = _files(path.parent)
    with pytest.raises(StoreError) as caught:
        with Store(path, read_only=read_only) as store:
            store.write([_extraction("The minister met union leaders in Paris on Tuesday.")])
    message = str(caught.value)
    assert expected in message and str(path) in message and "\n" not in message, message
    assert _files(path.parent) == before


def test_a_file_that_is_not_duckdb_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("title,text\nnot a database,at all\n" * 50, encoding="utf-8")
    _refused(path, "is not a DuckDB database")


@pytest.mark.parametrize("keep", [100, 4096, 12_288, 0.5])
def test_a_truncated_store_is_refused_and_left_alone(store_file, keep):
    data = store_file.read_bytes()
    store_file.write_bytes(data[:int(len(data) * keep) if isinstance(keep, float) else keep])
    _refused(store_file, "is damaged (truncated or corrupt)")


_HOLD = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.read()
""")


def test_a_store_locked_by_another_process_is_refused(store_file):
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store_file)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        _refused(store_file, f"is in use by another process (PID {holder.pid})")
        # the command line says it in one line too, before loading any model
        result = CliRunner().invoke(cli, ["query", "--db", str(store_file), "articles"])
        assert result.exit_code == 1 and result.output.count("\n") == 1
        assert f"is in use by another process (PID {holder.pid})" in result.output
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store(store_file) as store:  # once the other process is gone the store is whole
        assert store.count()["articles"] == 1


@pytest.fixture
def read_only_store(store_file):
    """The store on a read-only file system (a tmpfs remounted read-only) when this user may mount, which
    holds even for root; else a read-only file in a read-only folder."""
    folder = store_file.parent / "ro"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True).returncode == 0
    path = folder / store_file.name
    path.write_bytes(store_file.read_bytes())
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        path.chmod(0o444)
        folder.chmod(0o555)
    yield path
    if mounted:
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o755)


def test_a_read_only_store_is_refused_for_writing_and_still_read(read_only_store):
    _refused(read_only_store, "cannot be written (read-only file or folder)")
    with Store(read_only_store, read_only=True) as store:
        assert store.count()["articles"] == 1


# -- a full disk ------------------------------------------------------------------------------------------------

_FILL = textwrap.dedent("""
    import json, random, resource, signal, sys
    from heron.records import Article, Extraction
    from heron.store import Store, StoreError

    path, limit = sys.argv[1], int(sys.argv[2])
    if limit:  # a file may not grow past the limit: writes fail with EFBIG as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    rng = random.Random(1)
    stored = 0
    with Store(path) as store:
        for batch in range(40):
            texts = [" ".join(str(rng.random()) for _ in range(20_000)) + f" batch {batch} {i}" for i in range(3)]
            try:
                stored += store.write([Extraction(article=Article(text=t, date="2023-03-07")) for t in texts]).stored
            except StoreError as exc:
                print(json.dumps({"stored": stored, "error": str(exc)}))
                break
        else:
            print(json.dumps({"stored": stored, "error": None}))
""")


def _fill(path: Path, limit: int = 0) -> dict:
    import json

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", _FILL, str(path), str(limit)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _check_full(path: Path, outcome: dict) -> None:
    assert outcome["stored"] > 0, outcome  # some batches fitted before the disk filled up
    assert outcome["error"].startswith("batch of 3 article(s) not stored: no space left to write"), outcome
    assert "\n" not in outcome["error"]
    with Store(path, read_only=True) as store:  # every batch that was stored, and nothing of the failed one
        assert store.count()["articles"] == outcome["stored"]


def test_a_full_disk_fails_one_batch_and_keeps_the_ones_stored(tmp_path):
    """Emulated with RLIMIT_FSIZE in a child process: needs no privileges."""
    path = tmp_path / "full.duckdb"
    _check_full(path, _fill(path, limit=3_000_000))


def test_a_full_tmpfs_fails_one_batch_and_keeps_the_ones_stored(tmp_path):
    """A real full disk: a 3-MB tmpfs (root only; the test above covers everyone else)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        path = folder / "full.duckdb"
        _check_full(path, _fill(path))
    finally:
        subprocess.run(["umount", str(folder)], check=True)
