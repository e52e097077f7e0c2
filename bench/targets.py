"""The targets the benchmarks print, checked: a benchmark that misses one exits non-zero.

Every figure that has a target goes through `check` (a number against a limit) or `check_that`
(a condition, such as "none lost"); both print the line with its target and OK or MISSED, and
remember a miss. A benchmark's `main` ends with `raise SystemExit(exit_status())`, which prints
what was missed and answers 1 when anything was (0 otherwise). `bench/__main__.py` runs each
benchmark in its own process and exits non-zero when any of them did.
"""

from __future__ import annotations

from typing import Literal

_missed: list[str] = []


def _line(name: str, shown: str, target: str, met: bool) -> None:
    verdict = "OK" if met else "MISSED"
    print(f"  {name:<58} {shown}   (target {target}) {verdict}", flush=True)


def check(
    name: str,
    value: float,
    target: float,
    *,
    better: Literal["lower", "higher"] = "lower",
    unit: str = "",
    shown: str | None = None,
) -> bool:
    """`value` against `target` (at most it when lower is better, at least it when higher is).
    `shown` is the figure as printed (default: the value and unit); True when met."""
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower' or 'higher', not {better!r}")
    met = value <= target if better == "lower" else value >= target
    sign = "<=" if better == "lower" else ">="
    text = shown if shown is not None else f"{value:g} {unit}".rstrip()
    _line(name, text, f"{sign} {target:g} {unit}".rstrip(), met)
    if not met:
        _missed.append(f"{name}: {text} (target {sign} {target:g} {unit})".rstrip())
    return met


def check_that(name: str, shown: str, met: bool, target: str) -> bool:
    """A target that is a condition ("0", "gapless", "all 1,000"): `met` says whether it held."""
    _line(name, shown, target, met)
    if not met:
        _missed.append(f"{name}: {shown} (target {target})")
    return met


def missed() -> list[str]:
    return list(_missed)


def exit_status() -> int:
    """1 when a target was missed in this process (and say which), else 0."""
    if _missed:
        print(f"\n  {len(_missed)} target(s) missed:", flush=True)
        for line in _missed:
            print(f"    - {line}", flush=True)
        return 1
    return 0


def reset() -> None:
    """Forget what was checked (for tests)."""
    _missed.clear()
