"""Recommendation quality and speed: do labelled partners find each other, and how fast?

In a fresh database per backend: the demo (``load_demo``), then an adversarial background of
10,000 organisations and 100,000 opportunities (``marketplace_data.generate`` with the catalogue
of ``recommendation_data.py``), then the labelled pairs of ``recommendation_pairs.json``
planted among them: each side a new approved organisation whose member speaks the side's
languages, with one published opportunity created through the same service as the API and the
forms. For each pair, both directions: where does ``recommendations_for(side, limit=20)`` rank
the other side's organisation among its partners (and its opportunity among the
opportunities)?

    python benchmarks/run_recommendations.py [--quick] [--pairs FILE] [--backends sqlite,postgresql]
                                             [--reuse DIR]

Prints and saves benchmarks/results/recommendations-<date>.md and .json: top-5 recall and mean
reciprocal rank (0 when not in the top 20) over both directions of every pair, and the p95
latency of the top-20 recommendations (planted sides and 100 sampled background
participants). Targets: top-5 recall ≥ 95 %, p95 ≤ 100 ms. ``--pairs`` runs another labelled
set of the same format (e.g. a held-out one). ``--reuse DIR`` keeps the migrated demo and
background (a SQLite file in DIR, a PostgreSQL template database) and starts from it next time
instead of generating them again; the copy is named after a hash of the sources that write it
(generator, catalogue, index code, vocabulary), so a change there generates a new one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import secrets
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO / "benchmarks" / "recommendation_pairs.json"
RECALL_TARGET = 0.95
LATENCY_TARGET_MS = 100
TOP = 5

sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402
from benchmarks.run_marketplace import run_worker, summary  # noqa: E402


def fingerprint(args) -> str:
    """What the saved background depends on: its size and seed, and the sources that write it."""
    hash_seed = os.environ.get("PYTHONHASHSEED", "0")  # the workers' (run_marketplace.run_worker)
    digest = hashlib.sha256(
        f"{args.organisations}/{args.opportunities}/{args.seed}/{hash_seed}".encode()
    )
    sources = [
        REPO / "benchmarks" / "marketplace_data.py",
        REPO / "benchmarks" / "recommendation_data.py",
        *sorted((REPO / "src" / "rabta" / "marketplace").glob("*.py")),
        *sorted((REPO / "src" / "rabta" / "marketplace" / "migrations").glob("*.py")),
        *sorted(
            p
            for p in (REPO / "src" / "rabta" / "vocabulary").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ),
    ]
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _save_background(args, log) -> None:
    """Keep the generated database for ``--reuse`` (before the pairs are planted)."""
    from django.conf import settings
    from django.db import connection

    name = f"rabta_bench_recs_{fingerprint(args)}"
    connection.close()
    if connection.vendor == "sqlite":
        import sqlite3

        Path(args.reuse).mkdir(parents=True, exist_ok=True)
        saved = Path(args.reuse) / f"{name}.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        target = sqlite3.connect(saved)
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        import psycopg

        base = os.environ.get("RABTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {settings.DATABASES['default']['NAME']}")
    log(f"[{connection.vendor}] background saved as {name} for --reuse")


def _restore_background(args) -> bool:
    """Start from a saved background (SQLite: copy it here; PostgreSQL: run_worker did)."""
    from django.conf import settings
    from django.db import connection

    if args.restored:
        return True
    if connection.vendor != "sqlite":
        return False
    saved = Path(args.reuse) / f"rabta_bench_recs_{fingerprint(args)}.sqlite3"
    if not saved.exists():
        return False
    import sqlite3

    connection.close()
    source = sqlite3.connect(saved)
    target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    with target:
        source.backup(target)
    source.close()
    target.close()
    return True


def plant(pairs: list[dict], log) -> tuple[dict, list[str]]:
    """Each side as a new approved organisation with one published opportunity; returns
    {(pair id, "a"|"b"): (organisation, opportunity id)} and the sides that could not publish."""
    from rabta.accounts.models import User
    from rabta.core.exceptions import InvalidInput
    from rabta.marketplace import services
    from rabta.organisations.models import Member, Organisation, Sector

    known_sectors = set(Sector.objects.values_list("code", flat=True))
    planted, refused = {}, []
    for pair in pairs:
        for letter in ("a", "b"):
            side = pair[letter]
            slug = f"pair-{pair['id']}-{letter}"[:80]
            name = {"en": f"{pair['id']} {letter.upper()}".replace("-", " ").title()}
            organisation = Organisation.objects.create(
                name=name,
                slug=slug,
                country=side["country"],
                description=side.get("profile") or {},
                validation=Organisation.Validation.APPROVED,
            )
            user = User.objects.create(
                username=slug[:150],
                email=f"{slug}@example.org",
                spoken_languages=side["speaks"],
                language=side["languages"][0],
            )
            Member.objects.create(organisation=organisation, user=user, role=Member.Role.ADMIN)
            data = {
                key: side[key]
                for key in (
                    "kind",
                    "role",
                    "languages",
                    "title",
                    "description",
                    "hs_codes",
                    "countries",
                    "work_languages",
                )
                if key in side
            }
            data["sector_codes"] = [
                code for code in side.get("sectors", []) if code in known_sectors
            ]
            try:
                opportunity = services.opportunity_create(user=user, data=data, publish=True)
            except InvalidInput as error:
                refused.append(f"{pair['id']}/{letter}: {error.field_errors}")
                planted[(pair["id"], letter)] = (organisation, None)
                continue
            planted[(pair["id"], letter)] = (organisation, opportunity.pk)
    log(f"  planted {len(planted)} sides ({len(refused)} could not publish)")
    return planted, refused


def explain_pair(pair: dict, planted: dict, log) -> None:
    """For ``--explain``: per side, what its text was read as (its index keys), where the
    partner stands among the candidates and in the precise ranking, and the top 5 with
    their scores and parts."""
    from rabta.marketplace.models import OpportunityFeature
    from rabta.matching import postings
    from rabta.matching.candidates import candidate_ids, candidate_pool
    from rabta.matching.needs import needs_of
    from rabta.matching.rarity import current_rarity, key_factor
    from rabta.matching.scoring import rank
    from rabta.matching.selectors import _load_candidates
    from rabta.matching.weights import DIM_WEIGHTS

    def keys_of(opportunity_id: int | None) -> list[str]:
        rows = OpportunityFeature.objects.filter(opportunity_id=opportunity_id).exclude(
            dim=OpportunityFeature.Dimension.FILTER
        )
        return sorted(
            f"{key.split('|', 1)[-1]}/{dim}" for key, dim in rows.values_list("key", "dim")
        )

    for ours, theirs in (("a", "b"), ("b", "a")):
        organisation, own = planted[(pair["id"], ours)]
        partner, partner_opportunity = planted[(pair["id"], theirs)]
        needs = needs_of(organisation)
        ids = candidate_ids(needs)
        candidates, rows = _load_candidates(needs, ids, set())
        rarity = current_rarity()
        ranked = rank(needs, candidates, rarity=rarity)
        position = ids.index(partner_opportunity) + 1 if partner_opportunity in ids else None
        place = next(
            (n for n, s in enumerate(ranked, 1) if s.candidate.id == partner_opportunity), None
        )
        log(f"== {pair['id']} from {ours}: keys {keys_of(own)}")
        log(f"   partner keys {keys_of(partner_opportunity)}")
        log(f"   partner: candidate {position or '-'} of {len(ids)}, ranked {place or '-'}")
        pool = candidate_pool(needs, index=postings.current())
        totals = [total for total, _id in pool]
        mine = next((n for n, (_t, i) in enumerate(pool, 1) if i == partner_opportunity), None)
        log(
            f"   pool of {len(pool)}: partner at {mine or '-'}"
            + (f" with {pool[mine - 1][0]:.2f}" if mine else "")
            + f"; 1st {totals[0] if totals else 0:.2f}, 100th "
            f"{totals[99] if len(totals) > 99 else 0:.2f}, ties with the partner "
            f"{sum(1 for t in totals if mine and abs(t - pool[mine - 1][0]) < 1e-9)}"
        )
        shown = ranked[:5] + [s for s in ranked[5:] if s.candidate.id == partner_opportunity]
        for scored in shown:
            row = rows[scored.candidate.id]
            parts = " ".join(f"{k[:4]} {v:.2f}" for k, v in scored.parts.items())
            concepts = [k.split("|", 1)[1] for k, _d in scored.candidate.keys or [] if "cpt:" in k]
            mark = "*" if scored.candidate.id == partner_opportunity else " "
            log(
                f"  {mark}{scored.score:.3f} [{parts}] {row['organisation__country']} "
                f"{row['kind']} {next(iter(row['title'].values()), '')[:50]!r} {concepts[:6]}"
            )
            matched = [
                f"{key.split('|', 1)[1]}/{dim}="
                f"{DIM_WEIGHTS[dim] * needs.wanted[key].factor * key_factor(rarity, key):.2f}"
                for key, dim in scored.candidate.keys or []
                if key in needs.wanted and dim in DIM_WEIGHTS
            ]
            log(f"      matched {' '.join(matched)}")


def _rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def worker(args) -> dict:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a throw-away key
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.marketplace_data import generate
    from benchmarks.recommendation_data import CATALOGUE, EXPORTERS
    from rabta.marketplace.models import Opportunity
    from rabta.matching.selectors import recommendations_for
    from rabta.organisations.models import Organisation

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    restored = bool(args.reuse) and _restore_background(args)
    call_command("migrate", verbosity=0)
    if restored:
        generate_seconds = None
        demo_organisations = None
        log(
            f"[{connection.vendor}] saved background restored in {time.perf_counter() - started:.1f} s"
        )
    else:
        call_command("load_demo", force=True, stdout=io.StringIO())
        demo_organisations = Organisation.objects.count()
        log(f"[{connection.vendor}] migrated, demo loaded in {time.perf_counter() - started:.1f} s")
        generated = generate(
            organisations=args.organisations,
            opportunities=args.opportunities,
            seed=args.seed,
            log=log,
            sectors=CATALOGUE,
            exporters=EXPORTERS,
        )
        generate_seconds = round(generated.seconds, 1)
        log(f"[{connection.vendor}] background generated in {generated.seconds:.1f} s")
        if args.reuse:
            _save_background(args, log)
    index = None
    if args.no_index:
        settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = None
    else:
        # As a web process would hold it: built from the background; the pairs planted below
        # reach it as rows added since (read at each lookup).
        from rabta.matching import postings

        rss_before = _rss_mb()
        index = postings.build_now()
        index_figures = {
            "rows": index.rows,
            "build_seconds": round(index.build_seconds, 2),
            "arrays_mb": round(index.nbytes / 1e6, 1),
            "process_growth_mb": round(_rss_mb() - rss_before, 1),
        }
        log(f"[{connection.vendor}] in-memory index: {index_figures}")
    pairs = json.loads(Path(args.pairs).read_text(encoding="utf-8"))["pairs"]
    planted, refused = plant(pairs, log)

    if args.explain:
        for pair in pairs:
            if pair["id"] in args.explain:
                explain_pair(pair, planted, log)
    recommendations_for(planted[(pairs[0]["id"], "a")][0], limit=20)  # warm-up
    queries, latencies, cpu = [], [], []
    for pair in pairs:
        for ours, theirs in (("a", "b"), ("b", "a")):
            organisation, _own = planted[(pair["id"], ours)]
            partner, partner_opportunity = planted[(pair["id"], theirs)]
            begin, begin_cpu = time.perf_counter(), time.process_time()
            found = recommendations_for(organisation, limit=20)
            latencies.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
            partner_ids = [p.organisation_id for p in found.partners]
            opportunity_ids = [r.opportunity_id for r in found.opportunities]
            rank = partner_ids.index(partner.pk) + 1 if partner.pk in partner_ids else None
            opportunity_rank = (
                opportunity_ids.index(partner_opportunity) + 1
                if partner_opportunity in opportunity_ids
                else None
            )
            explanation = next(
                (p.explanation for p in found.partners if p.organisation_id == partner.pk), ""
            )
            queries.append(
                {
                    "pair": pair["id"],
                    "from": ours,
                    "language": pair[ours]["languages"][0],
                    "hs_codes": bool(pair["a"]["hs_codes"] or pair["b"]["hs_codes"]),
                    "rank": rank,
                    "opportunity_rank": opportunity_rank,
                    "explanation": explanation,
                    "top": [p.name.get("en", "") for p in found.partners[:3]],
                }
            )
    rng = random.Random(args.seed)
    background = list(
        Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        .exclude(organisation__slug__startswith="pair-")
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by("organisation_id")[:5000]
    )
    sampled = Organisation.objects.in_bulk(
        rng.sample(background, k=min(args.participants, len(background)))
    )
    background_ms = []
    for organisation in sampled.values():
        begin, begin_cpu = time.perf_counter(), time.process_time()
        recommendations_for(organisation, limit=20)
        background_ms.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)

    def figures(subset: list[dict]) -> dict:
        if not subset:
            return {"queries": 0}
        return {
            "queries": len(subset),
            "recall_at_5": round(
                sum(1 for q in subset if q["rank"] and q["rank"] <= TOP) / len(subset), 3
            ),
            "mrr": round(sum(1 / q["rank"] for q in subset if q["rank"]) / len(subset), 3),
            "opportunity_recall_at_5": round(
                sum(1 for q in subset if q["opportunity_rank"] and q["opportunity_rank"] <= TOP)
                / len(subset),
                3,
            ),
        }

    return {
        "backend": connection.vendor,
        "demo_organisations": demo_organisations,
        "organisations": Organisation.objects.count(),
        "opportunities": Opportunity.objects.count(),
        "generate_seconds": generate_seconds,  # None: a saved background (--reuse)
        "pairs": len(pairs),
        "refused": refused,
        "all": figures(queries),
        "by_language": {
            language: figures([q for q in queries if q["language"] == language])
            for language in ("en", "ru", "ur")
        },
        "without_hs_codes": figures([q for q in queries if not q["hs_codes"]]),
        "with_hs_codes": figures([q for q in queries if q["hs_codes"]]),
        "latency_planted": summary(latencies),
        "latency_background": summary(background_ms),
        "latency_all": summary(latencies + background_ms),
        # CPU time of the process (SQLite runs in it): what the wall time would be on an idle
        # machine, less the waits for a PostgreSQL server.
        "cpu_all": summary(cpu),
        "load_average": round(os.getloadavg()[0], 1),
        "index": index_figures if index is not None else None,
        "queries": queries,
    }


def run_backend(name: str, args) -> dict | None:
    arguments = [
        "--organisations",
        str(args.organisations),
        "--opportunities",
        str(args.opportunities),
        "--participants",
        str(args.participants),
        "--seed",
        str(args.seed),
        "--pairs",
        str(args.pairs),
    ]
    if args.reuse:
        arguments += ["--reuse", str(Path(args.reuse).resolve())]
    if args.no_index:
        arguments.append("--no-index")
    for pair_id in args.explain:
        arguments += ["--explain", pair_id]
    template = f"rabta_bench_recs_{fingerprint(args)}" if args.reuse else None
    return run_worker(name, __file__, arguments, "rabta_bench_recommendations", template)


def _seconds(value: float | None) -> str:
    return "reused" if value is None else f"{value} s"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def _index_line(index: dict | None) -> str:
    if not index:
        return "Candidates from SQL only (`--no-index`)."
    return (
        f"In-memory candidate index (matching/postings.py): {index['rows']:,} rows, built in "
        f"{index['build_seconds']} s, arrays {index['arrays_mb']} MB, process grew by "
        f"{index['process_growth_mb']} MB; the planted pairs reached it as rows added since."
    )


def markdown(report: dict) -> str:
    lines = [
        f"# Recommendations: labelled partners — {report['date']}",
        "",
        f"Pairs: `{report['pairs_file']}` ({report['pairs']} pairs, both directions). Background: "
        f"the demo plus {report['organisations']:,} organisations / {report['opportunities']:,} "
        f"opportunities (adversarial: same-side and same-country peers, decoys sharing words). "
        f"Machine: {report['machine']} — shared with other engineers' work, so latencies are "
        f"pessimistic. Targets: top-{TOP} recall ≥ {RECALL_TARGET:.0%}, "
        f"p95 ≤ {LATENCY_TARGET_MS} ms.",
        "",
        "| backend | queries | top-5 recall (partners) | MRR | top-5 recall (opportunities) "
        "| p50 | p95 | max | CPU p95 | load | generate |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in report["backends"]:
        a, lat = result["all"], result["latency_all"]
        lines.append(
            f"| {result['backend']} | {a['queries']} | {_percent(a['recall_at_5'])} | {a['mrr']} | "
            f"{_percent(a['opportunity_recall_at_5'])} | {lat['p50_ms']} ms | {lat['p95_ms']} ms | "
            f"{lat['max_ms']} ms | {result['cpu_all']['p95_ms']} ms | {result['load_average']} | "
            f"{_seconds(result['generate_seconds'])} |"
        )
    for result in report["backends"]:
        lines += [
            "",
            f"## {result['backend']}: by subset",
            "",
            "| subset | queries | top-5 recall | MRR |",
            "|---|---|---|---|",
        ]
        subsets = {
            **{f"written in {k}": v for k, v in result["by_language"].items()},
            "pairs without HS codes": result["without_hs_codes"],
            "pairs with HS codes": result["with_hs_codes"],
        }
        for label, values in subsets.items():
            if values.get("queries"):
                lines.append(
                    f"| {label} | {values['queries']} | {_percent(values['recall_at_5'])} | "
                    f"{values['mrr']} |"
                )
        lines += [
            "",
            f"Latency (top 20): planted sides p95 {result['latency_planted']['p95_ms']} ms, "
            f"{result['latency_background']['n']} background participants p95 "
            f"{result['latency_background']['p95_ms']} ms.",
            "",
            _index_line(result.get("index")),
        ]
        if result["refused"]:
            lines += ["", "Sides that could not publish:", ""]
            lines += [f"- {text}" for text in result["refused"]]
        missed = [q for q in result["queries"] if not q["rank"] or q["rank"] > TOP]
        lines += ["", f"Missed (partner not in the top {TOP}): {len(missed)}", ""]
        lines += [
            f"- {q['pair']} from {q['from']} ({q['language']}): rank {q['rank'] or '> 20'}; "
            f"top: {', '.join(q['top'])}"
            for q in missed
        ]
        found = [q for q in result["queries"] if q["rank"] and q["explanation"]][:6]
        lines += ["", "Example explanations:", ""]
        lines += [f"- {q['pair']} from {q['from']}: {q['explanation']}" for q in found]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--quick", action="store_true", help="1,000 organisations, 10,000 opportunities"
    )
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument(
        "--participants", type=int, default=100, help="background participants timed"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", default=str(PAIRS), help="a labelled set of partner pairs")
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="keep the generated background (SQLite file in DIR, PostgreSQL template database) "
        "and start from it when its sources have not changed",
    )
    parser.add_argument("--restored", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--explain",
        metavar="ID",
        action="append",
        default=[],
        help="print, for this pair (repeatable), each side's keys, the partner's candidate "
        "position and rank, and the top 5 with their score parts",
    )
    parser.add_argument(
        "--no-index",
        action="store_true",
        help="candidates from SQL only, without the in-memory index (for comparison)",
    )
    args = parser.parse_args()
    if args.quick:
        args.organisations, args.opportunities, args.participants = 1_000, 10_000, 30
    if args.worker:
        sys.path.insert(0, str(REPO / "src"))
        print(json.dumps(worker(args), ensure_ascii=False))
        return 0
    results = [r for name in args.backends.split(",") if (r := run_backend(name.strip(), args))]
    if not results:
        return 1
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": f"{machine()}, load average {os.getloadavg()[0]:.1f}",
        "pairs_file": os.path.relpath(args.pairs, REPO),
        "pairs": results[0]["pairs"],
        "organisations": args.organisations,
        "opportunities": args.opportunities,
        "targets": {"recall_at_5": RECALL_TARGET, "p95_ms": LATENCY_TARGET_MS},
        "backends": results,
    }
    suffix = ("-quick" if args.quick else "") + ("-sql" if args.no_index else "")
    if Path(args.pairs).resolve() != PAIRS.resolve():
        suffix += "-" + Path(args.pairs).stem
    save_results(f"recommendations-{today}{suffix}", report, markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
