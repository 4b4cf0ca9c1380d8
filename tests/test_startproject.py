"""A project made by ``django-admin startproject`` plus the README's lines: the pages work,
with a login, without anything else (the site's own login when the project has none)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.backends("sqlite")  # the new project's own SQLite file: one run is enough

CHECK = textwrap.dedent(
    """
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-12345")
    client = Client()
    first = client.get("/orders/")
    print("anonymous", first.status_code, first["Location"])
    login = client.get(first["Location"])
    print("login page", login.status_code, 'action="/orders/login/"' in login.content.decode())
    done = client.post("/orders/login/", {"username": "boss", "password": "pw-12345", "next": "/orders/"})
    print("logged in", done.status_code, done["Location"])
    page = client.get("/orders/customers/")
    print("customers", page.status_code, 'action="/orders/logout/"' in page.content.decode())
    out = client.post("/orders/logout/")
    print("logged out", out.status_code, out["Location"])
    """
)


def _run(args, cwd):
    # the new project's own settings, not the tests'; sa_orders from this checkout
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_project_with_the_readmes_lines_has_a_working_login(tmp_path: Path):
    _run(["-m", "django", "startproject", "host", str(tmp_path)], tmp_path)
    settings = tmp_path / "host" / "settings.py"
    text = settings.read_text().replace("'", '"')  # startproject writes single quotes
    text = text.replace(
        '"django.contrib.staticfiles",', '"django.contrib.staticfiles",\n    "sa_orders",'
    )
    text = text.replace(
        '"django.contrib.messages.middleware.MessageMiddleware",',
        '"django.contrib.messages.middleware.MessageMiddleware",\n'
        '    "sa_orders.middleware.SQLAlchemySessionMiddleware",',
    )
    assert '"sa_orders",' in text
    assert "SQLAlchemySessionMiddleware" in text
    settings.write_text(text)
    urls = tmp_path / "host" / "urls.py"
    urls.write_text(
        urls.read_text()
        .replace("'", '"')
        .replace("from django.urls import path", "from django.urls import include, path")
        .replace(
            'path("admin/", admin.site.urls),',
            'path("admin/", admin.site.urls),\n    path("orders/", include("sa_orders.urls")),',
        )
    )
    assert "sa_orders.urls" in urls.read_text()
    _run(["manage.py", "migrate", "-v", "0"], tmp_path)
    output = _run(["manage.py", "shell", "-v", "0", "-c", CHECK], tmp_path).splitlines()
    assert output == [
        "anonymous 302 /orders/login/?next=/orders/",
        "login page 200 True",
        "logged in 302 /orders/",
        "customers 200 True",
        "logged out 302 /orders/login/",
    ]
