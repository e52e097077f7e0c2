"""`make bench`: every benchmark, each in its own process, figures printed as they come."""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = [
    "bench.roster_import",
    "bench.oncall",
    "bench.readiness",
    "bench.load",
    "bench.incidents",
    "bench.incident_load",
    "bench.scale_out",
    "bench.matching",
]


def main() -> int:
    chosen = sys.argv[1:] or BENCHMARKS
    failed = 0
    for module in chosen:
        print(f"\n### {module}", flush=True)
        began = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", module], check=False)
        print(f"    ({time.perf_counter() - began:.0f} s)", flush=True)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
