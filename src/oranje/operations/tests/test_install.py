"""deploy/: the pinned requirements the production install uses stay those of uv.lock, and\nthe nginx example is one nginx accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def test_the_committed_requirements_equal_a_fresh_export_of_uv_lock() -> None:
    uv = ROOT / ".tools" / "bin" / "uv"
    assert uv.exists(), "uv is installed by `make install` (.tools/bin/uv)"
    export = ["export", "--frozen", "--no-dev", "--no-emit-project"]
    fresh = subprocess.run(  # noqa: S603
        [str(uv), *export, "--format", "requirements-txt", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    committed = (ROOT / "deploy" / "requirements.txt").read_text()
    assert committed == fresh, (
        "deploy/requirements.txt is stale: run `.tools/bin/uv export --frozen --no-dev "
        "--no-emit-project --format requirements-txt --quiet > deploy/requirements.txt`"
    )
    assert "--hash=sha256:" in committed
    for needed in ("django==", "gunicorn==", "psycopg=="):
        assert needed in committed


def test_the_nginx_example_sends_the_headers_oranje_trusts() -> None:
    site = (ROOT / "deploy" / "nginx" / "oranje.conf").read_text()
    proxy = (ROOT / "deploy" / "nginx" / "oranje-proxy.conf").read_text()
    for header in (
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header Host $host;",
        "proxy_set_header X-Request-ID $request_id;",
    ):
        assert header in proxy
    assert "client_max_body_size 12m;" in site
    assert "return 301 https://$host$request_uri;" in site
    assert "alias /var/lib/oranje/static/;" in site
    for internal in ("location /metriek/", "location ^~ /gezond/"):
        block = site.split(internal, 1)[1].split("}", 1)[0]
        assert "deny all;" in block and "allow 10.1.2.3;" in block
        assert "192.168.0.0/16" not in block and "10.0.0.0/8" not in block


@pytest.mark.skipif(shutil.which("nginx") is None, reason="no nginx here")
@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl here")
def test_nginx_accepts_the_example(tmp_path: Path) -> None:
    """`nginx -t` on the example as documented, with a throw-away certificate in place of
    the placeholders."""
    subprocess.run(  # noqa: S603
        [
            *(shutil.which("openssl") or "openssl", "req", "-x509", "-newkey", "rsa:2048"),
            *("-nodes", "-days", "1", "-subj", "/CN=oranje.example.nl"),
            *("-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")),
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    site = (
        (ROOT / "deploy" / "nginx" / "oranje.conf")
        .read_text()
        .replace("/etc/ssl/oranje/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/ssl/oranje/privkey.pem", str(tmp_path / "key.pem"))
        .replace(
            "/etc/nginx/snippets/oranje-proxy.conf", str(ROOT / "deploy/nginx/oranje-proxy.conf")
        )
    )
    (tmp_path / "oranje.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n include {tmp_path}/oranje.conf;\n}}\n"
    )
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("nginx") or "nginx",
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
