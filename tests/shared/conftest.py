"""tests/shared: the tests that read the shared data in ``../shared/data`` (beside the repository).

Every test in this folder gets the ``shared`` marker (``-m "not shared"`` leaves them out), and the
paths into the shared data come from the fixtures below, never from the test files themselves.
When the shared data, or a part of it a test needs, is missing, the test fails (it does not skip)
with a message naming the missing path.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SHARED_DATA = HERE.parents[1].parent / "shared" / "data"  # <repo>/../shared/data
SEED_NAME = "000_74c5b1722c348112.txt"
SEED_HEADER = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})\s")  # the seed's first line: " date YYYY-MM-DD "


@pytest.hookimpl(tryfirst=True)  # before -m selects on the marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``shared``; the hook sees the whole session, so only ours."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.shared)


def _need(path: Path, what: str = "shared data") -> Path:
    if not path.exists():
        pytest.fail(f"{what} missing: {path} (tests/shared read ../shared/data beside the repository)",
                    pytrace=False)
    return path


@pytest.fixture(scope="session", autouse=True)
def shared_data() -> Path:
    """The shared data root; every test here fails at setup when it is absent."""
    return _need(SHARED_DATA)


@pytest.fixture(scope="session")
def shared_path(shared_data: Path):
    """``shared_path("a", "b")``: ``<shared data>/a/b``, failing the test when it does not exist."""
    return lambda *parts: _need(shared_data.joinpath(*parts))


@pytest.fixture(scope="session")
def seed_path(shared_path) -> Path:
    """The mission's seed article: a ``date YYYY-MM-DD`` first line, then the text."""
    return shared_path("seed", SEED_NAME)


@pytest.fixture(scope="session")
def seed_raw(seed_path: Path) -> str:
    """The seed file as it is, date header included."""
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def _seed_header(seed_raw: str, seed_path: Path) -> re.Match:
    header = SEED_HEADER.match(seed_raw)
    if header is None:
        pytest.fail(f"{seed_path} does not start with its 'date YYYY-MM-DD' header", pytrace=False)
    return header


@pytest.fixture(scope="session")
def seed_date(_seed_header: re.Match) -> str:
    """The seed article's date from its header, ISO (2022-03-30)."""
    return _seed_header.group(1)


@pytest.fixture(scope="session")
def seed_text(seed_raw: str, _seed_header: re.Match) -> str:
    """The seed article's text: everything after the date header."""
    return seed_raw[_seed_header.end():]


@pytest.fixture(scope="session")
def wikinews(shared_path) -> Path:
    """The Wikinews folder (295 articles in yearly CSVs)."""
    return shared_path("wikinews")


@pytest.fixture(scope="session")
def polnear_dev(shared_path) -> Path:
    return shared_path("polnear", "dev")


@pytest.fixture(scope="session")
def geowebnews(shared_path) -> Path:
    return shared_path("geo", "GeoWebNews")


@pytest.fixture(scope="session")
def plv_train(shared_path) -> Path:
    return shared_path("plover", "PLV_train.tsv")


@pytest.fixture(scope="session")
def timebank(shared_path) -> Path:
    return shared_path("dates", "TBAQ-cleaned", "TimeBank")


@pytest.fixture
def same_weights():
    """A check that a model rebuilt by ``heron train`` (saved and loaded again) equals the shipped one bit for bit."""
    import numpy as np

    def check(rebuilt, shipped) -> None:
        assert rebuilt.vocab == shipped.vocab and rebuilt.threshold == shipped.threshold
        assert np.array_equal(rebuilt.coef, shipped.coef) and np.array_equal(rebuilt.intercept, shipped.intercept)

    return check
