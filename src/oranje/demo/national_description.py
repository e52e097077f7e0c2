"""Demo, issue 17, part "description" (see demo/national.py)."""

from __future__ import annotations

from oranje.demo.national import DemoContext


def build(ctx: DemoContext) -> None:
    """Built by the part's own change; until then this part adds nothing."""
