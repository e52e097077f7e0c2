"""bench.targets: a missed target is printed as MISSED and makes the benchmark exit non-zero."""

import subprocess
import sys

import pytest

from bench import targets
from bench.common import ROOT


@pytest.fixture(autouse=True)
def _fresh():
    targets.reset()
    yield
    targets.reset()


def test_a_met_target_prints_ok_and_exits_zero(capsys):
    assert targets.check("render", 120.0, 300, unit="ms", shown="120 ms median")
    assert targets.check("recall@5", 0.99, 0.98, better="higher")
    assert targets.check_that("failures", "0", True, "0")
    assert targets.exit_status() == 0
    out = capsys.readouterr().out
    assert "120 ms median   (target <= 300 ms) OK" in out
    assert "(target >= 0.98) OK" in out


def test_a_missed_target_prints_missed_and_exits_one(capsys):
    assert not targets.check("render", 301.0, 300, unit="ms")
    assert not targets.check("recall@5", 0.97, 0.98, better="higher")
    assert not targets.check_that("log numbers gapless", "False", False, "True")
    assert targets.exit_status() == 1
    out = capsys.readouterr().out
    assert "301 ms   (target <= 300 ms) MISSED" in out
    assert "3 target(s) missed" in out


def test_better_is_lower_or_higher():
    with pytest.raises(ValueError):
        targets.check("x", 1, 2, better="more")  # type: ignore[arg-type]


def test_a_benchmark_process_that_misses_a_target_exits_non_zero():
    code = (
        "from bench.targets import check, exit_status\n"
        "check('page', 500, 300, unit='ms')\n"
        "raise SystemExit(exit_status())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "MISSED" in result.stdout


def test_make_bench_exits_non_zero_when_one_benchmark_did(tmp_path):
    code = (
        "import subprocess, sys\n"
        "from bench import __main__ as runner\n"
        "class Done:\n"
        "    def __init__(self, code): self.returncode = code\n"
        "codes = iter([0, 1])\n"
        "runner.subprocess.run = lambda *a, **k: Done(next(codes))\n"
        "sys.argv = ['bench', 'bench.a', 'bench.b']\n"
        "raise SystemExit(runner.main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    assert "bench.b" in result.stdout and "MISSED" in result.stdout
