"""A pytest plugin for projects that use sa_orders (and for sa_orders' own tests).

Opt in from a ``conftest.py``::

    pytest_plugins = ["sa_orders.testing"]

What it gives you, on SQLite, PostgreSQL and MariaDB:

* **Isolation.** In a test marked ``django_db`` (or using ``db``/``sa_session``), every
  SQLAlchemy session sa_orders creates (``request.sa_session`` in views,
  ``session_scope()`` in commands, the ``sa_session`` fixture) joins one connection
  whose transaction is rolled back after the test, so even what the middleware
  committed disappears. In ``transaction=True`` tests (and with ``live_server``),
  sessions commit for real, and the plugin deletes the rows of sa_orders' tables
  afterwards.
* ``sa_session``: a session for the test's own reads and writes. ``flush()`` (or
  ``commit()``, which only releases a savepoint) before a request should see them.
* ``sa_staff_user`` / ``sa_staff_client``: a staff superuser, created once per test run
  and committed, and a Django test client logged in as that user without writing to
  the database in the test itself (on SQLite, a Django write inside a test would lock
  sa_orders' connection out until the test ends).
* ``sa_queries``: counts the SQL statements sa_orders' engine runs.
* Engines are disposed before pytest-django drops the test databases.

A test that touches sa_orders' database without the ``django_db`` mark, ``db`` or
``sa_session`` fails with a clear message, as pytest-django does for Django's database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from sqlalchemy import Connection, Engine, MetaData, event, inspect
from sqlalchemy.orm import Session

from sa_orders.db import session as session_module
from sa_orders.db.bulk import delete_all_rows
from sa_orders.db.engine import dispose_engines, get_engine

DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "sa_session",
    }
)
TRANSACTIONAL_FIXTURES = frozenset(
    {
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)
STAFF_USERNAME = "sa-orders-staff"
STAFF_PASSWORD = "sa-orders-password"


def _empty_tables(engine: Engine) -> None:
    """Empty sa_orders' tables and those of every model registered on its pages."""
    from sa_orders.admin.sites import all_metadatas  # the admin needs Django's apps loaded

    with engine.begin() as connection:
        existing = set(inspect(connection).get_table_names())
        for metadata in all_metadatas():
            tables = [table for table in metadata.sorted_tables if table.name in existing]
            if tables:
                subset = MetaData()
                for table in tables:
                    table.to_metadata(subset)
                delete_all_rows(connection, subset)


def _django_db_marker(request: pytest.FixtureRequest) -> Any:
    return request.node.get_closest_marker("django_db")


def _uses_database(request: pytest.FixtureRequest) -> bool:
    return bool(_django_db_marker(request)) or bool(DATABASE_FIXTURES & set(request.fixturenames))


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = _django_db_marker(request)
    if marker is not None:
        kwargs = dict(marker.kwargs)
        transaction = kwargs.get("transaction", marker.args[0] if marker.args else False)
        if transaction or kwargs.get("reset_sequences") or kwargs.get("serialized_rollback"):
            return True
    return bool(TRANSACTIONAL_FIXTURES & set(request.fixturenames))


class SessionIsolation:
    """Routes a test's sessions to one connection per alias, rolled back at the end."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request
        self.transactional = _is_transactional(request)
        self.connections: dict[str, tuple[Engine, Connection, Any]] = {}
        self.used_aliases: set[str] = set()

    def bind_for(self, alias: str) -> Connection | None:
        if not _uses_database(self.request):
            raise RuntimeError(
                'sa_orders database access not allowed: use the "django_db" mark, or '
                'the "db", "transactional_db" or "sa_session" fixtures to enable it.'
            )
        # The test databases exist (and engines are disposed before they are dropped).
        self.request.getfixturevalue("_sa_orders_database")
        self.used_aliases.add(alias)
        if self.transactional:
            return None  # sessions commit for real; close() deletes the rows afterwards
        if alias not in self.connections:
            engine = get_engine(alias)
            connection = engine.connect()
            self.connections[alias] = (engine, connection, connection.begin())
        return self.connections[alias][1]

    def close(self) -> None:
        for alias, (engine, connection, transaction) in self.connections.items():
            try:
                if transaction.is_active:
                    transaction.rollback()
            finally:
                if engine is not get_engine(alias):
                    # The engine was replaced meanwhile (override_settings(SA_ORDERS=...)
                    # disposes the engines): its pool is gone, so the connection is closed
                    # here rather than handed back to a pool nobody holds.
                    connection.invalidate()
                connection.close()
        self.connections.clear()
        if self.transactional:
            for alias in sorted(self.used_aliases):
                _empty_tables(get_engine(alias))


@pytest.fixture(scope="session")
def _sa_orders_database(django_db_setup: None) -> Iterator[None]:
    yield
    # Before pytest-django drops the test databases: PostgreSQL refuses to drop a
    # database with open connections, and MariaDB would wait for their locks.
    dispose_engines()


@pytest.fixture(autouse=True)
def _sa_orders_isolation(request: pytest.FixtureRequest) -> Iterator[SessionIsolation]:
    isolation = SessionIsolation(request)
    if _uses_database(request):
        # Whatever the test does with sa_orders' engines, they are disposed before
        # pytest-django drops the test databases.
        request.getfixturevalue("_sa_orders_database")
    session_module.set_test_bind_provider(isolation.bind_for)
    try:
        yield isolation
    finally:
        session_module.set_test_bind_provider(None)
        isolation.close()


@pytest.fixture
def sa_session(_sa_orders_isolation: SessionIsolation) -> Iterator[Session]:
    """A SQLAlchemy session on sa_orders' database, inside the test's transaction."""
    session = session_module.new_session()
    try:
        yield session
    finally:
        session.close()


class Users:
    """Committed users with permissions, made once per run, and clients logged in as them.

    Make users from a session-scoped fixture, before any test's transaction is open::

        @pytest.fixture(scope="session")
        def clerk(sa_users):
            return sa_users.create("clerk", permissions=["sa_orders.view_customer"])

    and get a logged-in client in the test with ``sa_users.client("clerk")``. Neither
    writes to Django's tables during the test (on SQLite, such a write would lock
    sa_orders' connection out until the test ends); after a ``transaction=True`` test
    has emptied those tables, the user and its login are made again.
    """

    def __init__(self, blocker: Any) -> None:
        self._blocker = blocker
        self._specs: dict[str, dict[str, Any]] = {}
        self._users: dict[str, Any] = {}
        self._cookies: dict[str, dict[str, str]] = {}

    def create(
        self,
        username: str,
        *,
        permissions: Sequence[str] = (),
        staff: bool = True,
        superuser: bool = False,
    ) -> Any:
        self._specs[username] = {
            "permissions": tuple(permissions),
            "staff": staff,
            "superuser": superuser,
        }
        with self._blocker.unblock():
            user = self._make(username)
            self._cookies[username] = _login(user)
        return user

    def _make(self, username: str) -> Any:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission

        spec = self._specs[username]
        user_model = get_user_model()
        field = user_model.USERNAME_FIELD
        key = f"{username}@example.com" if field == "email" else username
        user = user_model._default_manager.filter(**{field: key}).first()
        if user is None:
            data = {field: key, "password": STAFF_PASSWORD}
            if "email" in user_model.REQUIRED_FIELDS and field != "email":
                data["email"] = f"{username}@example.com"
            user = user_model._default_manager.create_user(**data)
        user.is_staff, user.is_superuser = spec["staff"], spec["superuser"]
        user.save()
        wanted = []
        for name in spec["permissions"]:
            app_label, codename = name.split(".", 1)
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        user.user_permissions.set(wanted)
        self._users[username] = user
        return user

    def user(self, username: str) -> Any:
        """The user, made again if a ``transaction=True`` test emptied Django's tables."""
        user = self._users[username]
        if not type(user)._default_manager.filter(pk=user.pk).exists():
            user = self._make(username)
        return user

    def client(self, username: str) -> Any:
        """A new test client logged in as ``username`` (with its login cookie reused)."""
        from django.test import Client

        user = self.user(username)
        if not _logged_in(self._cookies.get(username, {}), user):
            self._cookies[username] = _login(user)
        client = Client()
        for name, value in self._cookies[username].items():
            client.cookies[name] = value
        return client


def _login(user: Any) -> dict[str, str]:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {name: morsel.value for name, morsel in client.cookies.items()}


def _logged_in(cookies: dict[str, str], user: Any) -> bool:
    from django.contrib.auth import SESSION_KEY

    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    return bool(store.get(SESSION_KEY) == str(user.pk))


@pytest.fixture(scope="session")
def sa_users(django_db_setup: None, django_db_blocker: Any) -> Users:
    """Make committed users once per run; see :class:`Users`."""
    return Users(django_db_blocker)


@pytest.fixture(scope="session")
def _sa_orders_staff(sa_users: Users) -> str:
    sa_users.create(STAFF_USERNAME, superuser=True)
    return STAFF_USERNAME


@pytest.fixture
def sa_staff_user(db: None, sa_users: Users, _sa_orders_staff: str) -> Any:
    """A staff superuser, created once per run and committed."""
    return sa_users.user(_sa_orders_staff)


@pytest.fixture
def sa_staff_client(sa_staff_user: Any, sa_users: Users, _sa_orders_staff: str) -> Any:
    """A Django test client logged in as :func:`sa_staff_user`, writing nothing itself."""
    return sa_users.client(_sa_orders_staff)


class QueryCounter:
    """The SQL statements run on an engine, savepoint bookkeeping left out."""

    IGNORED = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|BEGIN)\b", re.I)

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)

    def _record(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not self.IGNORED.match(statement):
            self.statements.append(statement)

    @contextmanager
    def counting(self, engine: Engine) -> Iterator[QueryCounter]:
        event.listen(engine, "before_cursor_execute", self._record)
        try:
            yield self
        finally:
            event.remove(engine, "before_cursor_execute", self._record)


@pytest.fixture
def sa_queries(_sa_orders_database: None) -> Iterator[QueryCounter]:
    """Counts the statements sa_orders' engine runs during the test.

    ``assert len(sa_queries) == 2``; ``sa_queries.statements`` lists them.
    """
    counter = QueryCounter()
    with counter.counting(get_engine()):
        yield counter
