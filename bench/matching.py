"""Matching benchmarks, side by side in one run (issue 5):

1. FEBRL 4 linkage (5,000 × 5,000), FEBRL 4 in hard mode (given name, surname, date of birth
   and suburb only) and FEBRL 3 deduplication (5,000 records): precision, recall, F1 and
   end-to-end wall time of Oranje's engine, recordlinkage (blocking, comparisons, ECM) and
   Splink (DuckDB, parameters estimated without labels). All unsupervised.
2. The Dutch synthetic set (bench/dutch_synth.py): recall@1, recall@5, precision of `match`
   decisions, and `match` on people who are not registered.
3. The registry at 100,000 persons (issue 11): query latency p99, updates and removals, and
   re-matching 10,000 open inquiries when a person arrives (per record p99).
4. Scale: 1,000,000 registered persons: index build time and memory, query latency p50/p99,
   duplicate detection over the whole registry.

`python -m bench.matching [febrl|dutch|registry|scale]` runs one part.
"""

from __future__ import annotations

import gc
import logging
import os
import resource
import statistics
import sys
import time
import warnings
from collections.abc import Callable

from bench.common import ROOT, report
from bench.targets import check, check_that, exit_status

sys.path.insert(0, str(ROOT / "src"))

from oranje.matching import Index, Record, find_duplicates, rematch

NORMAL = [
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "suburb",
    "postcode",
    "date_of_birth",
]
HARD = ["given_name", "surname", "date_of_birth", "suburb"]


def _records(frame, columns: list[str]) -> list[Record]:  # type: ignore[no-untyped-def]
    def value(row, name):  # type: ignore[no-untyped-def]
        return row[name] if name in columns and isinstance(row[name], str) else ""

    return [
        Record(
            id=str(rec_id),
            given_names=value(row, "given_name"),
            surname=value(row, "surname"),
            birth_date=value(row, "date_of_birth"),
            street=value(row, "address_1"),
            house_number=value(row, "street_number"),
            postcode=value(row, "postcode"),
            city=value(row, "suburb"),
            id_number=value(row, "soc_sec_id"),
        )
        for rec_id, row in zip(frame.index, frame.to_dict("records"), strict=True)
    ]


def _quality(
    predicted: set[tuple[str, str]], truth: set[tuple[str, str]]
) -> tuple[float, float, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def oranje_link(a, b, columns, *, families: bool = False):  # type: ignore[no-untyped-def]
    """FEBRL lists unrelated people: the linkage profile, its weights estimated from the two
    lists (no labels). With `families`, the registry's own profile and fixed weights."""
    index = Index(_records(a, columns), families=families)
    inquiries = _records(b, columns)
    if not families:
        index.calibrate(inquiries)
    predicted = set()
    for inquiry in inquiries:
        candidates = index.query(inquiry, limit=1)
        if candidates and candidates[0].decision == "match":
            predicted.add((candidates[0].person_id, inquiry.id))
    return predicted


def oranje_dedupe(frame, columns, *, families: bool = False):  # type: ignore[no-untyped-def]
    index = Index(_records(frame, columns), families=families)
    if not families:
        index.calibrate()
    return {tuple(sorted((x, y))) for x, y, _c in index.duplicates()}


def recordlinkage_run(frames, columns):  # type: ignore[no-untyped-def]
    import recordlinkage as rl

    indexer = rl.Index()
    for column in ("given_name", "surname", "date_of_birth") + (
        ("postcode",) if "postcode" in columns else ()
    ):
        indexer.block(column)
    pairs = indexer.index(*frames)
    compare = rl.Compare()
    compare.string(
        "given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name"
    )
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.string("suburb", "suburb", method="jarowinkler", threshold=0.85, label="suburb")
    if "postcode" in columns:
        compare.exact("postcode", "postcode", label="postcode")
        compare.string(
            "address_1", "address_1", method="jarowinkler", threshold=0.85, label="address_1"
        )
        compare.exact("street_number", "street_number", label="street_number")
        compare.exact("soc_sec_id", "soc_sec_id", label="soc_sec_id")
    features = compare.compute(pairs, *frames)
    matches = rl.ECMClassifier().fit_predict(features)
    return {tuple(x) for x in matches.tolist()}


def splink_run(frames, columns, *, dedupe: bool):  # type: ignore[no-untyped-def]
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.disable(logging.WARNING)  # Splink reports every EM iteration at INFO
    comparisons = [
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison(
            "date_of_birth",
            input_is_string=True,
            datetime_format="%Y%m%d",
            invalid_dates_as_null=True,
        ),
        cl.JaroWinklerAtThresholds("suburb", [0.9, 0.8]).configure(term_frequency_adjustments=True),
    ]
    blocking = [block_on("given_name"), block_on("surname"), block_on("date_of_birth")]
    if "postcode" in columns:
        comparisons += [
            cl.ExactMatch("postcode"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.8]),
            cl.ExactMatch("street_number"),
            cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]),
        ]
        blocking += [block_on("postcode"), block_on("soc_sec_id")]
    settings = SettingsCreator(
        link_type="dedupe_only" if dedupe else "link_only",
        unique_id_column_name="rec_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
    )
    db = DuckDBAPI()
    tables = [db.register(f.reset_index(), table_name=f"t{i}") for i, f in enumerate(frames)]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    return {
        tuple(sorted((r.rec_id_l, r.rec_id_r))) if dedupe else (r.rec_id_l, r.rec_id_r)
        for r in predictions.itertuples()
    }


def febrl() -> None:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    warnings.filterwarnings("ignore")
    a, b, links = load_febrl4(return_links=True)
    truth4 = {(x, y) for x, y in links.tolist()}
    d, links3 = load_febrl3(return_links=True)
    truth3 = {tuple(sorted(pair)) for pair in links3.tolist()}
    normal = [*NORMAL, "soc_sec_id"]
    runs: list[tuple[str, str, Callable[[], set], set]] = [
        ("FEBRL 4", "Oranje", lambda: oranje_link(a, b, normal), truth4),
        ("FEBRL 4", "recordlinkage", lambda: recordlinkage_run((a, b), normal), truth4),
        ("FEBRL 4", "Splink", lambda: splink_run((a, b), normal, dedupe=False), truth4),
        ("FEBRL 4 hard", "Oranje", lambda: oranje_link(a, b, HARD), truth4),
        (
            "FEBRL 4 hard",
            "recordlinkage",
            lambda: recordlinkage_run((a[HARD], b[HARD]), HARD),
            truth4,
        ),
        (
            "FEBRL 4 hard",
            "Splink",
            lambda: splink_run((a[HARD], b[HARD]), HARD, dedupe=False),
            truth4,
        ),
        ("FEBRL 3 dedupe", "Oranje", lambda: oranje_dedupe(d, normal), truth3),
        (
            "FEBRL 3 dedupe",
            "recordlinkage",
            lambda: {tuple(sorted(p)) for p in recordlinkage_run((d,), normal)},
            truth3,
        ),
        ("FEBRL 3 dedupe", "Splink", lambda: splink_run((d,), normal, dedupe=True), truth3),
        # The registry's own profile on the same data, for comparison: household rules and
        # fixed weights refuse FEBRL's corrupted duplicates that look like siblings.
        ("FEBRL 4", "Oranje registry", lambda: oranje_link(a, b, normal, families=True), truth4),
        (
            "FEBRL 4 hard",
            "Oranje registry",
            lambda: oranje_link(a, b, HARD, families=True),
            truth4,
        ),
        (
            "FEBRL 3 dedupe",
            "Oranje registry",
            lambda: oranje_dedupe(d, normal, families=True),
            truth3,
        ),
    ]
    print(
        f"  {'dataset':<15} {'engine':<16} {'precision':>9} {'recall':>7} {'F1':>7} {'time':>8}"
        f"  {'wrong':>5} {'missed':>6}"
    )
    for dataset, engine, run, truth in runs:
        # What earlier runs left behind (data frames, DuckDB, caches) is set aside, so that
        # the garbage collector does not walk it during the next run: each engine is timed
        # as if it ran alone.
        gc.collect()
        gc.freeze()
        began = time.perf_counter()
        try:
            predicted = run()
        except Exception as exc:  # a peer failing is reported, not fatal to the other figures
            print(f"  {dataset:<15} {engine:<16} failed: {type(exc).__name__}: {str(exc)[:120]}")
            continue
        finally:
            elapsed = time.perf_counter() - began
            gc.unfreeze()
        precision, recall, f1 = _quality(predicted, truth)
        print(
            f"  {dataset:<15} {engine:<16} {precision:9.4f} {recall:7.4f} {f1:7.4f} {elapsed:7.2f}s"
            f"  {len(predicted - truth):5,} {len(truth - predicted):6,}",
            flush=True,
        )


def dutch() -> None:
    from bench.dutch_synth import generate

    registry, inquiries, truth = generate(households=4000)
    began = time.perf_counter()
    index = Index(registry)
    build = time.perf_counter() - began
    hit1 = hit5 = present = absent = absent_match = match_all = match_right = 0
    unfound = empty = 0
    latencies = []
    for inquiry in inquiries:
        began = time.perf_counter()
        candidates = index.query(inquiry)
        latencies.append(time.perf_counter() - began)
        expected = truth[inquiry.id]
        ids = [c.person_id for c in candidates]
        matches = [c for c in candidates if c.decision == "match"]
        match_all += len(matches)
        match_right += sum(1 for c in matches if c.person_id == expected)
        if expected is None:
            absent += 1
            absent_match += bool(matches)
        else:
            present += 1
            hit1 += ids[:1] == [expected]
            hit5 += expected in ids[:5]
            unfound += expected not in ids
            empty += not ids
    print(
        f"Dutch synthetic set: {len(registry):,} registered, {len(inquiries):,} inquiries ({absent:,} about people not registered); index {build:.2f} s"
    )
    report("recall@1", f"{hit1 / present:.4f}")
    check("recall@5", hit5 / present, 0.98, better="higher", shown=f"{hit5 / present:.4f}")
    report(
        "present persons not among the candidates / with no candidate",
        f"{unfound:,} / {empty:,} of {present:,}",
    )
    share = match_right / present
    report(
        "present persons called a match (share)", f"{share:.4f} ({match_right:,} of {present:,})"
    )
    precision = match_right / max(match_all, 1)
    check(
        "precision of match decisions",
        precision,
        0.999,
        better="higher",
        shown=f"{precision:.4f} ({match_all:,} matches)",
    )
    wrong_share = absent_match / max(absent, 1)
    check(
        "match on people not registered (%)",
        wrong_share * 100,
        0.2,
        unit="%",
        shown=f"{wrong_share:.2%} ({absent_match:,} of {absent:,})",
    )
    latencies.sort()
    report(
        "query latency p50 / p99",
        f"{statistics.median(latencies) * 1000:.2f} / {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms",
    )


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def registry(size: int = 100_000, open_inquiries: int = 10_000, arrivals: int = 1_000) -> None:
    """The registry's use of the engine: one index of persons and one of open inquiries per
    incident, both kept current on every write."""
    from dataclasses import replace

    from bench.dutch_synth import generate

    people, asked, truth = generate(households=size // 3, seed=7, diverse=True)
    asked = asked[:open_inquiries]
    # The persons the first inquiries ask about arrive later: they are left out of the
    # index, then added one by one, each followed by re-matching the open inquiries.
    about = list(dict.fromkeys(p for q in asked if (p := truth[q.id]) is not None))
    arriving_ids = set(about[:arrivals])
    arriving = [p for p in people if p.id in arriving_ids]
    people = [p for p in people if p.id not in arriving_ids][:size]
    gc.collect()
    began = time.perf_counter()
    index = Index(people)
    build = time.perf_counter() - began
    inquiries = Index(asked)
    print(
        f"registry: {len(index):,} persons indexed in {build:.1f} s, {len(inquiries):,} open"
        f" inquiries in an index of their own; {len(arriving):,} persons arriving"
    )
    latencies = []
    cpu = []  # CPU time too: on a shared machine the wall clock also counts waiting for a core
    for inquiry in asked[:5000]:
        began, began_cpu = time.perf_counter(), time.process_time()
        index.query(inquiry)
        latencies.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    report("engine query CPU time p50 / p99", f"{_p(cpu, 0.5):.2f} / {_p(cpu, 0.99):.2f} ms")
    p99 = _p(latencies, 0.99)
    check(
        f"engine query p50 / p99 at {len(index):,} persons, p99",
        p99,
        20,
        unit="ms",
        shown=f"{_p(latencies, 0.5):.2f} / {p99:.2f} ms",
    )
    times = []
    cpu = []
    found: dict[str, set[str]] = {}
    for person in arriving:
        began, began_cpu = time.perf_counter(), time.process_time()
        index.add(person)
        for m in rematch(index, inquiries, person.id):
            found.setdefault(m.inquiry_id, set()).add(person.id)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    report("a person arrives: CPU time p50 / p99", f"{_p(cpu, 0.5):.2f} / {_p(cpu, 0.99):.2f} ms")
    p99 = _p(times, 0.99)
    check(
        f"a person arrives: add + re-match {len(inquiries):,} open inquiries, p99",
        p99,
        50,
        unit="ms",
        shown=f"{_p(times, 0.5):.2f} / {p99:.2f} ms (p50 / p99)",
    )
    # Every inquiry whose own query now ranks an arrived person in its first five (above
    # POSSIBLE_SCORE) must have heard of it through re-matching.
    missed = 0
    asked_about = 0
    for inquiry in asked:
        for c in index.query(inquiry, limit=5):
            if c.person_id in arriving_ids and c.score >= 4.0:
                asked_about += 1
                missed += c.person_id not in found.get(inquiry.id, set())
    check_that(
        "inquiries whose new candidate re-matching missed",
        f"{missed:,} of {asked_about:,}",
        missed == 0,
        "0",
    )
    times = []
    for person in arriving[:500]:
        changed = replace(person, street="Anderestraat", house_number="1", postcode="9999 ZZ")
        began = time.perf_counter()
        index.update(changed)
        rematch(index, inquiries, person.id)
        times.append(time.perf_counter() - began)
    report(
        "a person changes: update + re-match, p50 / p99",
        f"{_p(times, 0.5):.2f} / {_p(times, 0.99):.2f} ms",
    )
    times = []
    for person in arriving[500:]:
        began = time.perf_counter()
        index.remove(person.id)
        times.append(time.perf_counter() - began)
    report("a person is removed (merge, anonymisation), p99", f"{_p(times, 0.99):.3f} ms")
    gone = sum(
        1
        for person in arriving[500:]
        for c in index.query(replace(person, id="q"))
        if c.person_id == person.id
    )
    check_that("removed persons coming back as candidates", f"{gone:,}", gone == 0, "0")


def scale(size: int = 1_000_000) -> None:
    from bench.dutch_synth import double_registrations, generate

    households = size // 3
    planted = size // 100
    began = time.perf_counter()
    registry, inquiries, _truth = generate(households=households, seed=7, diverse=True)
    registry = registry[: size - planted]
    again, doubles = double_registrations(registry, planted)
    registry += again
    print(
        f"scale: generated {len(registry):,} registered persons ({planted:,} of them registered"
        f" twice) in {time.perf_counter() - began:.0f} s"
    )
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    index = Index(registry)
    build = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report(
        f"index build, {len(registry):,} persons",
        f"{build:.1f} s, peak memory +{(after - before) / 1024:.0f} MiB",
    )
    sample = inquiries[:5000]
    latencies = []
    for inquiry in sample:
        began = time.perf_counter()
        index.query(inquiry)
        latencies.append(time.perf_counter() - began)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    check(
        "query latency p50 / p99 (5,000 inquiries, one core), p99",
        p99,
        20,
        unit="ms",
        shown=f"{statistics.median(latencies) * 1000:.2f} / {p99:.2f} ms",
    )
    processes = os.cpu_count() or 1
    began = time.perf_counter()
    pairs = {(a, b) for a, b, _c in find_duplicates(index, processes=processes)}
    found = sum(1 for a, b in doubles if (a, b) in pairs or (b, a) in pairs)
    report(
        f"duplicate detection over the whole registry ({processes} processes)",
        f"{time.perf_counter() - began:.0f} s; {len(pairs):,} pairs, {found:,} of the"
        f" {planted:,} planted double registrations",
    )


def main() -> None:
    parts = sys.argv[1:] or ["febrl", "dutch", "registry", "scale"]
    for part in parts:
        print(f"-- {part}", flush=True)
        {"febrl": febrl, "dutch": dutch, "registry": registry, "scale": scale}[part]()


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
