"""``python -m bench.createdb URL``: a fresh, empty database for the benchmarks (dropped
first if it exists): PostgreSQL, MariaDB/MySQL, or a SQLite file (deleted)."""

import sys
from pathlib import Path

import environ


def _postgresql(config: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres",
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        autocommit=True,
    ) as connection:
        name = sql.Identifier(config["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _mysql(config: dict) -> None:
    import MySQLdb

    options = {"user": config.get("USER") or "root"}
    if config.get("PASSWORD"):
        options["password"] = config["PASSWORD"]
    host = config.get("HOST") or ""
    if host.startswith("/"):
        options["unix_socket"] = host
    elif host:
        options["host"] = host
    if config.get("PORT"):
        options["port"] = int(config["PORT"])
    connection = MySQLdb.connect(**options)
    try:
        cursor = connection.cursor()
        name = config["NAME"].replace("`", "``")
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
    finally:
        connection.close()


def main(url: str) -> None:
    config = environ.Env.db_url_config(url)
    engine = config["ENGINE"]
    if engine.endswith("postgresql"):
        _postgresql(config)
    elif engine.endswith("mysql"):
        _mysql(config)
    elif engine.endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(config["NAME"] + suffix).unlink(missing_ok=True)
    else:
        raise SystemExit(f"cannot create a database for {url}")


if __name__ == "__main__":
    main(sys.argv[1])
