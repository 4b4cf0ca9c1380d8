"""``python -m bench.createdb URL``: a fresh, empty PostgreSQL database for the benchmarks
(dropped first if it exists)."""

import sys

import environ
import psycopg
from psycopg import sql


def main(url: str) -> None:
    config = environ.Env.db_url_config(url)
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


if __name__ == "__main__":
    main(sys.argv[1])
