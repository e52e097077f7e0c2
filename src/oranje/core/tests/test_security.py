"""Content-Security-Policy without inline script, HTTPS settings, `check --deploy`, and no
redirect to another host."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import oranje

SOURCE = Path(oranje.__file__).parent
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def templates() -> list[Path]:
    return sorted(SOURCE.glob("*/templates/**/*.html"))


def test_no_template_carries_inline_script_or_inline_handlers():
    offenders = []
    for path in templates():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, re.compile("javascript:", re.I)):
            offenders += [
                f"{path.relative_to(SOURCE)}: {m.group(0)}" for m in pattern.finditer(text)
            ]
        if re.search(r"<style|\sstyle=", text, re.IGNORECASE) and "redoc" not in path.name:
            offenders.append(f"{path.relative_to(SOURCE)}: inline style")
    assert offenders == []


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(world):
    client = Client()
    client.force_login(world.coordinator)
    for url in (reverse("core:login"), reverse("organisation:oncall_now"), reverse("api_docs")):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"


@pytest.mark.django_db
def test_swagger_ui_loads_its_start_up_script_as_a_file(world):
    client = Client()
    client.force_login(world.viewer)
    page = client.get(reverse("api_docs")).content.decode()
    assert INLINE_SCRIPT.search(page) is None
    assert "<style" not in page
    script = client.get(reverse("api_docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_map_tile_server_is_the_only_outside_image_source(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from oranje.settings import _tile_origin

    assert _tile_origin("https://{s}.tiles.vr12.nl/{z}/{x}/{y}.png") == ["https://*.tiles.vr12.nl"]
    assert _tile_origin("") == []
    with pytest.raises(ImproperlyConfigured, match="ORANJE_MAP_TILE_URL"):
        _tile_origin("tiles/{z}/{x}/{y}.png")


@pytest.mark.django_db
def test_the_region_switch_never_redirects_to_another_host(world):
    client = Client()
    client.force_login(world.admin)
    for target in ("https://evil.example/", "//evil.example/x", "http://testserver.evil/"):
        response = client.post(reverse("core:choose_region"), {"region": "VR12", "next": target})
        assert response.status_code == 302
        assert response["Location"] == reverse("core:home"), target
    response = client.post(
        reverse("core:choose_region"), {"region": "VR12", "next": "/rooster/?x=1"}
    )
    assert response["Location"] == "/rooster/?x=1"


PRODUCTION = {
    "ORANJE_DEBUG": "false",
    "ORANJE_SECRET_KEY": "k3y-" + "x9Qm2vLr7Tz4" * 5,
    "ORANJE_ALLOWED_HOSTS": "oranje.vr12.nl",
    "ORANJE_CSRF_TRUSTED_ORIGINS": "https://oranje.vr12.nl",
    "ORANJE_SECURE_COOKIES": "true",
    "ORANJE_BEHIND_PROXY": "true",
    "ORANJE_SSL_REDIRECT": "true",
    "ORANJE_SITE_URL": "https://oranje.vr12.nl",
}


def run_check(extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ORANJE_", "DJANGO_SETTINGS"))
    }
    env.update(extra, ORANJE_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/c.db")
    return subprocess.run(
        # The security checks (Django's and Oranje's settings checks); Oranje's checks of the
        # mail server, SMS, worker, database and files need those services and are tested
        # in operations/tests/test_checks_*.py.
        [
            sys.executable,
            "-m",
            "oranje.cli",
            "check",
            "--deploy",
            "--tag",
            "security",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_a_production_like_configuration(tmp_path):
    result = run_check(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_https_settings(tmp_path):
    plain = {
        k: v
        for k, v in PRODUCTION.items()
        if k not in {"ORANJE_SECURE_COOKIES", "ORANJE_SSL_REDIRECT"}
    }
    result = run_check(plain, tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
    assert "security.W012" in result.stderr + result.stdout  # session cookie not secure


def test_behind_a_proxy_the_forwarded_scheme_counts(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_HSTS_SECONDS, "
        "settings.SECURE_SSL_REDIRECT, settings.AXES_IPWARE_META_PRECEDENCE_ORDER[0])"
    )
    env = dict(
        os.environ,
        **PRODUCTION,
        ORANJE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="oranje.settings",
    )
    out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "31536000",
        "True",
        "HTTP_X_FORWARDED_FOR",
    ]
