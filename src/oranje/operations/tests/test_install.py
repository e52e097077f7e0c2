"""deploy/: the pinned requirements the production install uses stay those of uv.lock."""

from __future__ import annotations

import subprocess
from pathlib import Path

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
