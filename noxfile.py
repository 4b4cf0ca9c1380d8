"""The version matrix: the test suite on SQLite against each supported Django and
SQLAlchemy, and on each Python the machine has (``nox``, or ``scripts/matrix``).

    nox -s matrix       every other Django x SQLAlchemy pair, on Python 3.11
    nox -s pythons      the default pair (Django 5.2, SQLAlchemy 2.1) on Python 3.12, 3.13
    nox -s "matrix(django='4.2', sqlalchemy='2.0')"

The full suite, on every backend, runs with the default pair on Python 3.11
(``scripts/test``); a matrix session runs it on SQLite without the browser tests and
the tests that build packages or start projects, and without the property-based
hostile-input run (they test the packaging and the pages' shapes, not the versions:
the suite stays within CI's time). ``scripts/matrix`` runs the sessions two at a time.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["matrix", "pythons"]
nox.options.error_on_missing_interpreters = False  # "where the machine has them"

# Django 4.2 LTS, 5.1, and 5.2 LTS (the newest release the package index offers)
DJANGO = ["4.2", "5.1", "5.2"]
SQLALCHEMY = ["2.0", "2.1"]
DEFAULT = {"django": "5.2", "sqlalchemy": "2.1"}
SKIPPED = [
    "--ignore=tests/browser",
    "--ignore=tests/test_packaging.py",
    "--ignore=tests/test_startproject.py",
    "--ignore=tests/admin/test_hostile_input.py",
]


def _install(session: nox.Session, django: str, sqlalchemy: str) -> None:
    session.install("-r", "requirements-matrix.txt")
    session.install(f"django~={django}.0", f"sqlalchemy~={sqlalchemy}.0")


def _test(session: nox.Session) -> None:
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
        # the project's addopts name pytest-playwright's options, not installed here
        "-o", "addopts=--strict-markers -ra", *SKIPPED, *session.posargs,
        env={"PYTHONPATH": ".", "SA_ORDERS_TEST_DATABASE_URL": "sqlite:///:memory:"},
    )  # fmt: skip
    session.run(
        "python", "-c",
        "import django, sqlalchemy, sys; print('tested: Python', sys.version.split()[0],"
        " 'Django', django.__version__, 'SQLAlchemy', sqlalchemy.__version__)",
    )  # fmt: skip


@nox.session(python="3.11")
@nox.parametrize(
    ("django", "sqlalchemy"),
    # the default pair runs the whole suite on every backend (scripts/test) already
    [(d, s) for d in DJANGO for s in SQLALCHEMY if {"django": d, "sqlalchemy": s} != DEFAULT],
)
def matrix(session: nox.Session, django: str, sqlalchemy: str) -> None:
    _install(session, django, sqlalchemy)
    _test(session)


@nox.session(python=["3.12", "3.13"])
def pythons(session: nox.Session) -> None:
    _install(session, **DEFAULT)
    _test(session)
