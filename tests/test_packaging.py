"""The app is pip-installable: its wheel carries migrations, templates, static files, py.typed."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.backends("sqlite")  # once per run of the suite is enough
def test_the_wheel_holds_the_whole_app_and_nothing_else(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT / "sa_orders", source / "sa_orders",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*command, "--quiet", "-w", str(tmp_path / "dist"), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("sa_orders-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(metadata_name).decode()
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
    assert "Requires-Dist: Django<6,>=5.2" in metadata
    assert "Requires-Dist: SQLAlchemy<2.2,>=2.1" in metadata
