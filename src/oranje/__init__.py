"""Oranje: informatiesysteem voor gemeentelijke bevolkingszorg."""

import tomllib
from importlib import metadata
from pathlib import Path


def _version() -> str:
    """Oranje's release (pyproject's `version`, semantic versioning).

    In a source checkout (src/oranje beside pyproject.toml, as `make install` and every
    editable install leave it) the checkout's pyproject.toml answers: the installed metadata
    of an editable install keeps the version of the day it was installed. An installed wheel
    answers from its metadata; anything else is "0+unknown" rather than a guess."""
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        project = {}
    if project.get("name") == "oranje" and project.get("version"):
        return str(project["version"])
    try:
        return metadata.version("oranje")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
