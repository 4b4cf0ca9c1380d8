"""Exit 0 if the database server of a URL answers, else print why and exit 1.

Connects to the server, not to the database named in the URL: the test run creates
its own test database.
"""

import sys

import environ


def probe(url: str) -> None:
    config = environ.Env.db_url_config(url)
    engine = config["ENGINE"]
    host, port, user = config.get("HOST") or None, config.get("PORT") or None, config.get("USER")
    password = config.get("PASSWORD") or None
    if engine.endswith("postgresql"):
        import psycopg

        psycopg.connect(
            dbname="postgres", host=host, port=port, user=user, password=password,
            connect_timeout=5,
        ).close()  # fmt: skip
    elif engine.endswith("mysql"):
        import MySQLdb

        options = {"user": user, "connect_timeout": 5}
        if password:
            options["password"] = password
        if host and host.startswith("/"):
            options["unix_socket"] = host
        elif host:
            options["host"] = host
        if port:
            options["port"] = int(port)
        MySQLdb.connect(**options).close()
    else:
        raise SystemExit(f"not a PostgreSQL or MySQL/MariaDB URL: {url}")


if __name__ == "__main__":
    try:
        probe(sys.argv[1])
    except Exception as error:  # any failure means "cannot reach it"
        message = str(error).strip()
        sys.stdout.write((message.splitlines()[0] if message else repr(error)) + "\n")
        sys.exit(1)
