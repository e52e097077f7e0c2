"""`oranje match-eval REGISTRY.csv INQUIRIES.csv --out RESULTS.csv`

Both inputs: UTF-8 CSV with a header row and the columns
id,given_names,prefix,surname,birth_date,sex,street,house_number,postcode,city,phone
(all but id may be empty). Writes inquiry_id,rank,person_id,score,decision — up to ten
candidates per inquiry, best first; an id that a spreadsheet would run as a formula gets a
leading ' — and prints the index build time and the per-inquiry
latency p50/p99. `--profile linkage` is for lists of unrelated people (see engine.Model).
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from oranje.matching.engine import Index, Record

COLUMNS = (
    "id",
    "given_names",
    "prefix",
    "surname",
    "birth_date",
    "sex",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
)


#: A cell starting with one of these is a formula to Excel and LibreOffice ("=HYPERLINK(…)",
#: "@SUM(…)", "+cmd|…"): CSV injection.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class InputError(Exception):
    pass


def spreadsheet_safe(value: str) -> str:
    """The value as a spreadsheet shows it as text: a leading ' before = + - @ (OWASP's
    advice against CSV injection); ids from the input files are copied out, so they pass
    through here."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def read_records(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        if "id" not in header:
            raise InputError(f"{path}: the header row has no 'id' column")
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise InputError(
                f"{path}: unknown column(s) {', '.join(unknown)}; expected {','.join(COLUMNS)}"
            )
        for line, row in enumerate(reader, start=2):
            values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if not values.get("id"):
                raise InputError(f"{path}: line {line} has no id")
            yield Record(**{c: values.get(c, "") for c in COLUMNS})


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]
        if ordered
        else 0.0
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="oranje match-eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("registry", type=Path)
    parser.add_argument("inquiries", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--profile",
        choices=("registry", "linkage"),
        default="registry",
        help="registry (default): people who fled their homes together — household rules, "
        "fixed weights; linkage: unrelated people — no household rules, weights estimated "
        "from the two files without labels",
    )
    args = parser.parse_args(argv)
    try:
        began = time.perf_counter()
        index = Index(read_records(args.registry), families=args.profile == "registry")
        build = time.perf_counter() - began
        inquiries = list(read_records(args.inquiries))
    except (InputError, OSError, UnicodeDecodeError) as exc:
        print(f"match-eval: {exc}", file=sys.stderr)
        return 2
    if args.profile == "linkage":
        began = time.perf_counter()
        model = index.calibrate(inquiries)
        print(f"weights estimated in {time.perf_counter() - began:.2f} s ({model.estimated_from})")
    latencies: list[float] = []
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["inquiry_id", "rank", "person_id", "score", "decision"])
        for inquiry in inquiries:
            began = time.perf_counter()
            candidates = index.query(inquiry)
            latencies.append(time.perf_counter() - began)
            for rank, candidate in enumerate(candidates, start=1):
                writer.writerow(
                    [
                        spreadsheet_safe(inquiry.id),
                        rank,
                        spreadsheet_safe(candidate.person_id),
                        f"{candidate.score:.2f}",
                        candidate.decision,
                    ]
                )
    print(f"index: {len(index):,} records built in {build:.2f} s")
    if latencies:
        p50 = statistics.median(latencies) * 1000
        p99 = percentile(latencies, 0.99) * 1000
        print(f"queries: {len(latencies):,}; latency p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
