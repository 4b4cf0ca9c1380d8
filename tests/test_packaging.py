"""The app is pip-installable: its wheel carries migrations, templates, static files, py.typed."""

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> Path:
    """The project's files as a fresh clone has them (no environment, no artifacts)."""
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "test-artifacts", "__pycache__", "*.egg-info",
        "build", "dist", "*.sqlite3", ".*_cache", ".hypothesis", ".bench",
    )  # fmt: skip
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def build(kind: str, tmp_path: Path) -> Path:
    """Build the project's wheel or sdist (``kind``) from a copy of it, without the
    network (setuptools from the environment)."""
    source = copy_project(tmp_path / "source")
    dist = tmp_path / "dist"
    code = f"from setuptools import build_meta; build_meta.build_{kind}({str(dist)!r})"
    subprocess.run(
        [sys.executable, "-c", code], cwd=source, check=True, capture_output=True, timeout=300
    )
    (built,) = dist.glob("sa_orders-*.whl" if kind == "wheel" else "sa_orders-*.tar.gz")
    return built


def build_wheel(tmp_path: Path) -> Path:
    return build("wheel", tmp_path)


@pytest.mark.backends("sqlite")  # once per run of the suite is enough
def test_the_wheel_holds_the_whole_app_and_nothing_else(tmp_path):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(metadata_name).decode()
        entry_points = archive.read(metadata_name.replace("METADATA", "entry_points.txt"))
    for expected in [
        "sa_orders/py.typed",
        "sa_orders/migrations/0001_initial.py",
        "sa_orders/templates/sa_orders/base.html",
        "sa_orders/static/sa_orders/sa_orders.css",
        "sa_orders/management/commands/sa_seed.py",
        "sa_orders/models/orders.py",
        "sa_orders/testing.py",
        # a package per layer
        "sa_orders/db/engine.py",
        "sa_orders/services/writes.py",
        "sa_orders/exchange/contracts.py",
        "sa_orders/admin/checks.py",
        "sa_orders/backoffice/orders.py",
        # the import paths kept for migrations and the README
        "sa_orders/schema.py",
        "sa_orders/csv_export.py",
    ]:
        assert expected in names
    assert not any(name.startswith(("tests/", "ordersite/", "templates/")) for name in names)
    # the ranges the version matrix (noxfile.py) tests
    assert "Requires-Dist: Django<6,>=4.2" in metadata
    assert "Requires-Dist: SQLAlchemy<2.2,>=2.0" in metadata
    assert "Classifier: Framework :: Django :: 4.2" in metadata
    assert "Classifier: Programming Language :: Python :: 3.13" in metadata
    for extra in ("postgresql", "postgresql-binary", "psycopg2", "psycopg2-binary", "mysql"):
        assert f"Provides-Extra: {extra}" in metadata
    assert 'Requires-Dist: psycopg>=3.1; extra == "postgresql"' in metadata
    assert 'Requires-Dist: psycopg[binary]>=3.1; extra == "postgresql-binary"' in metadata
    # the pytest plugin, as an entry point pytest finds
    assert "[pytest11]\nsa_orders = sa_orders.pytest_plugin" in entry_points.decode()


@pytest.mark.backends("sqlite")
def test_the_sdists_tests_run(tmp_path):
    sdist = build("sdist", tmp_path)
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (project,) = (tmp_path / "unpacked").iterdir()
    assert (project / "tests" / "conftest.py").exists()
    assert (project / "tests" / "hostapp").is_dir()
    assert not (project / "tests" / "browser" / "axe" / "node_modules").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SA_ORDERS_"))}
    env["PYTHONPATH"] = str(project)  # the sdist's sa_orders and tests, not this checkout's
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "tests/models/test_models.py", "tests/test_signals.py"],
        cwd=project, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
    assert str(project) in subprocess.run(
        [sys.executable, "-c", "import sa_orders; print(sa_orders.__file__)"],
        cwd=project, capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
