"""The demo project (ordersite/): with DEBUG off it passes `manage.py check --deploy`; with
DEBUG on it serves plain http for a local run; its template override adds no inline style."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.backends("sqlite")  # the demo's settings, once per run is enough


def manage(tmp_path, *args, **env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("SA_ORDERS_")
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the browser tests set it
        environment.pop(name, None)
    environment.update(DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_deployment_passes_the_deploy_checks(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="orders.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_https_settings_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    # Django 5.2's shell imports the models unless told not to; older ones do not
    quiet = ["--no-imports"] if django.VERSION >= (5, 2) else []
    local = manage(tmp_path, "shell", *quiet, "-c", code, DEBUG="true")
    assert local.stdout.split() == ["False", "False", "0"]
    deployed = manage(
        tmp_path,
        "shell",
        *quiet,
        "-c",
        code,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="600",
    )
    assert deployed.stdout.split() == ["False", "True", "600"]


def test_the_demo_template_has_no_inline_style():
    html = (ROOT / "templates" / "sa_orders" / "base.html").read_text()
    assert "<style" not in html
    assert (ROOT / "ordersite" / "static" / "ordersite" / "demo.css").exists()
