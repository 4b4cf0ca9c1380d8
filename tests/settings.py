"""Test settings, independent of the demo project.

The database comes from ``SA_ORDERS_TEST_DATABASE_URL`` (default: SQLite in memory);
``scripts/test`` runs the suite once per backend. The alias ``other`` is a second
database of the same vendor that holds only sa_orders' tables (see ``tests.routers``);
``unsupported`` is a backend sa_orders refuses.
"""

import os

import environ

DATABASE_URL = os.environ.get("SA_ORDERS_TEST_DATABASE_URL", "sqlite:///:memory:")


def _database(url: str, suffix: str = "") -> dict:
    config = environ.Env.db_url_config(url)
    if suffix and config["NAME"] != ":memory:":
        config["NAME"] = f"{config['NAME']}{suffix}"
    if config["ENGINE"] == "django.db.backends.mysql":
        config["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_general_ci"}
    return config


DATABASES = {
    "default": _database(DATABASE_URL),
    "other": _database(DATABASE_URL, "_other"),
    "unsupported": {"ENGINE": "django.db.backends.dummy"},
}
DATABASE_ROUTERS = ["tests.routers.OtherDatabaseRouter"]

SECRET_KEY = "sa-orders-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sa_orders",
    "tests.hostapp",  # a host project's app with its own SQLAlchemy model
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sa_orders.middleware.SQLAlchemySessionMiddleware",
]

ROOT_URLCONF = "tests.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Not UTC, so that "days in TIME_ZONE" is really tested.
TIME_ZONE = "America/Chicago"
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en-us"

STATIC_URL = "static/"
LOGIN_URL = "/accounts/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
