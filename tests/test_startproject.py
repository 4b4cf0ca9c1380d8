"""A project made by ``django-admin startproject`` plus the README's lines: the pages work,
with a login, without anything else (the site's own login when the project has none);
from this checkout, and from the wheel installed on its own, whose pytest plugin turns
itself on for the project (an entry point) and stays off for a project without
sa_orders."""

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


HOST_TESTS = textwrap.dedent(
    """
    import pytest
    from sa_orders.models import Customer

    @pytest.mark.django_db
    def test_the_plugin_comes_by_itself(sa_session, request):
        assert request.config.pluginmanager.has_plugin("sa_orders.testing")
        sa_session.add(Customer(name="Host", email="host@example.com"))
        sa_session.flush()

    def test_in_a_project_without_sa_orders_it_stays_off(request):
        from django.conf import settings
        if "sa_orders" not in settings.INSTALLED_APPS:
            assert not request.config.pluginmanager.has_plugin("sa_orders.testing")
    """
)


@pytest.fixture(params=["checkout", "wheel"])
def sa_orders_path(request, tmp_path_factory) -> str:
    """Where the new project imports sa_orders from: this checkout, or the wheel built
    from it and installed into a folder of its own."""
    if request.param == "checkout":
        return str(ROOT)
    from tests.test_packaging import build_wheel

    folder = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(folder)
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return str(site)


def _run(args, cwd, path=str(ROOT)):
    # the new project's own settings, not the tests'; sa_orders from ``path``
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SA_ORDERS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(cwd), path])
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_project_with_the_readmes_lines_has_a_working_login(
    tmp_path: Path, sa_orders_path: str
):
    def run(args):
        return _run(args, tmp_path, sa_orders_path)

    run(["-m", "django", "startproject", "host", str(tmp_path)])
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
    run(["manage.py", "migrate", "-v", "0"])
    output = run(["manage.py", "shell", "-v", "0", "-c", CHECK]).splitlines()
    assert output == [
        "anonymous 302 /orders/login/?next=/orders/",
        "login page 200 True",
        "logged in 302 /orders/",
        "customers 200 True",
        "logged out 302 /orders/login/",
    ]
    if sa_orders_path == str(ROOT):
        return  # the rest is about the installed package (its entry point)
    assert run(["-c", "import sa_orders; print(sa_orders.__file__)"]).startswith(
        sa_orders_path
    )  # the installed wheel, not this checkout

    # the host's own tests: the plugin comes by itself, and only where sa_orders is
    (tmp_path / "test_host.py").write_text(HOST_TESTS)
    plain = (
        settings.read_text()
        .replace('    "sa_orders",\n', "")
        .replace('    "sa_orders.middleware.SQLAlchemySessionMiddleware",\n', "")
    )
    (tmp_path / "host" / "plain_settings.py").write_text(plain)
    pytest_args = ["-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]
    with_it = run([*pytest_args, "--ds", "host.settings", "test_host.py"])
    assert "2 passed" in with_it
    without = run([*pytest_args, "--ds", "host.plain_settings", "-k", "stays_off", "test_host.py"])
    assert "1 passed" in without
