"""A session backend whose database has gone away: what every request meets when Django's
own database (sessions, users) cannot be reached."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import OperationalError


class SessionStore(DatabaseStore):
    def load(self):
        raise OperationalError("server closed the connection unexpectedly")
