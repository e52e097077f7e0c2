"""`make bench`: every benchmark, each in its own process, figures printed as they come. Exits
non-zero when any benchmark missed a target (or failed), and says which (bench.targets)."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.targets import check_that, exit_status

BENCHMARKS = [
    "bench.roster_import",
    "bench.oncall",
    "bench.readiness",
    "bench.load",
    "bench.incidents",
    "bench.worker_kill",
    "bench.incident_load",
    "bench.scale_out",
    "bench.matching",
    "bench.registry_load",
    "bench.registry_operators",
    "bench.registry_import",
    "bench.registry_anonymise",
    "bench.care_overbooking",
    "bench.care_desks",
    "bench.care_offline",
    "bench.care_kill",
    "bench.care_vulnerable_filter",
    "bench.care_locations",
    "bench.care_board",
    "bench.comm_public",
    "bench.comm_cap",
    "bench.comm_signals",
    "bench.damage_form",
    "bench.damage_overview",
    "bench.quality_indicators",
    "bench.quality_pages",
    "bench.quality_report",
    "bench.learning_dossier_search",
    "bench.learning_patterns",
    "bench.learning_survey_burst",
    "bench.ops_health",
    "bench.ops_metrics",
    "bench.ops_backup",
    "bench.ops_migrations",
]


def main() -> int:
    chosen = sys.argv[1:] or BENCHMARKS
    results = {}
    for module in chosen:
        print(f"\n### {module}", flush=True)
        began = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", module], check=False)
        print(f"    ({time.perf_counter() - began:.0f} s)", flush=True)
        results[module] = result.returncode
    print("\n### every target met", flush=True)
    for module, code in results.items():
        check_that(module, f"exit {code}", code == 0, "exit 0")
    return exit_status()


if __name__ == "__main__":
    raise SystemExit(main())
