"""Single-meeting control at scale: an event of 2,500 participants (~11,000 meetings, published),
then one organiser change at a time, each checked by the engine's validator through the bridge.

Times (median of 3 unless said) the services — a move that is refused (the slot is taken), a move,
a swap, the placement of a request accepted after publication — and the organiser's pages: the
schedule page with 50 requests left out and their reasons, the grid (tables, participants), a
meeting's move form. Runs on a fresh SQLite file, or on the empty database named by
RABTA_BENCH_DATABASE_URL.
Prints and saves benchmarks/results/meeting-control-<date>.json and .md.

    python benchmarks/run_meeting_control.py [--participants 2500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402


def setup_django() -> None:
    # Never the DATABASE_URL of a development or production database: a fresh one.
    directory = tempfile.mkdtemp(prefix="rabta-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "RABTA_BENCH_DATABASE_URL", f"sqlite:///{directory}/bench.sqlite3"
    )
    os.environ["RABTA_DATA_DIR"] = directory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # not a deployment
    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def timed(call, rounds: int = 3) -> tuple[float, object]:
    """Median milliseconds of ``rounds`` calls, and the last result."""
    timings, result = [], None
    for _round in range(rounds):
        begin = time.perf_counter()
        result = call()
        timings.append((time.perf_counter() - begin) * 1000)
    return round(statistics.median(timings), 1), result


def run(participants: int, seed: int) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.event_data import generate_event
    from rabta.core.exceptions import InvalidInput
    from rabta.events import meeting_services, schedule
    from rabta.events.models import Meeting, MeetingRequest, Registration, Slot

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tasks queued by the changes (agenda e-mails) are not what is measured here.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.RABTA_TASK_QUEUES,
        }
    }

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    call_command("migrate", verbosity=0)
    generated = generate_event(participants=participants, seed=seed, log=log)
    event, organiser = generated.event, generated.organiser
    schedule.schedule_publish(actor=organiser, event=event)
    event.refresh_from_db()
    slots = list(Slot.objects.for_event(event).order_by("start"))
    registrations = list(Registration.objects.for_event(event).order_by("pk"))
    out: dict = {"backend": connection.vendor, "participants": len(registrations)}
    out["meetings"] = Meeting.objects.for_event(event).count()

    # 50 accepted requests left out: pairs of participants already at the event's maximum or
    # free, whatever the generator gave them (the schedule page explains each).
    busy = {}
    for m in Meeting.objects.for_event(event).values("request__sender_id", "request__recipient_id"):
        for rid in m.values():
            busy[rid] = busy.get(rid, 0) + 1
    live = set(
        MeetingRequest.objects.for_event(event).values_list("low_id", "high_id")
    )  # no second live request per pair
    extra = []
    for a, b in zip(registrations[::2], registrations[1::2], strict=False):
        key = (min(a.pk, b.pk), max(a.pk, b.pk))
        if key in live:
            continue
        extra.append(
            MeetingRequest(
                event=event,
                sender=a,
                recipient=b,
                low_id=key[0],
                high_id=key[1],
                status=MeetingRequest.Status.ACCEPTED,
            )  # fmt: skip
        )
        if len(extra) == 50:
            break
    MeetingRequest.objects.bulk_create(extra)

    def free_slot(meeting: Meeting) -> Slot:
        taken = set(
            Meeting.objects.for_event(event)
            .filter(
                seats__registration__in=[meeting.request.sender_id, meeting.request.recipient_id]
            )
            .values_list("slot_id", flat=True)
        )
        return next(s for s in slots if s.pk not in taken)

    meetings = list(Meeting.objects.for_event(event).select_related("request", "slot")[:8])

    def refused():
        try:
            meeting_services.meeting_move(
                actor=organiser, meeting=meetings[0], slot=meetings[1].slot
            )
        except InvalidInput as error:
            return str(error.message)
        raise AssertionError("a move into a taken slot was accepted")

    # A move into a slot where a side is busy (the validator's refusal).
    if meetings[0].slot_id == meetings[1].slot_id or not (
        {meetings[0].request.sender_id, meetings[0].request.recipient_id}
        & {meetings[1].request.sender_id, meetings[1].request.recipient_id}
    ):
        # make meetings[1] share a side with meetings[0]
        side = meetings[0].request.sender_id
        meetings[1] = (
            Meeting.objects.for_event(event)
            .filter(seats__registration_id=side)
            .exclude(pk=meetings[0].pk)
            .select_related("request", "slot")
            .first()
        )
    out["move_refused_ms"], message = timed(refused)
    out["move_refused_message"] = message[:160]

    to_move = iter(range(2, 8))

    def move_one():
        meeting = meetings[next(to_move)]
        return meeting_services.meeting_move(
            actor=organiser, meeting=meeting, slot=free_slot(meeting)
        )

    with CaptureQueriesContext(connection) as queries:
        out["move_ms"], _moved = timed(move_one)
    out["move_queries_each"] = len(queries) // 3
    out["swap_ms"], _swapped = timed(
        lambda: meeting_services.meeting_swap(
            actor=organiser, meeting=meetings[6], other=meetings[7]
        ),
        rounds=2,  # swapping back and forth
    )

    late = iter(extra)

    def place_late():
        return meeting_services.meeting_place_late(request_id=next(late).pk)

    out["late_placement_ms"], placed = timed(place_late)
    out["late_placement_placed"] = placed is not None

    client = Client()
    client.force_login(organiser)
    pages = {}
    m = Meeting.objects.for_event(event).first()
    for label, url, headers in [
        ("schedule page", f"/events/{event.slug}/manage/schedule/", {}),
        ("its list of 47+ requests left out, with reasons (htmx)", f"/events/{event.slug}/manage/schedule/unscheduled/", {"HTTP_HX_REQUEST": "true"}),
        ("grid, slots × tables (20 tables a page)", f"/events/{event.slug}/manage/schedule/grid/", {}),
        (
            "grid, slots × participants (20 a page)",
            f"/events/{event.slug}/manage/schedule/grid/?view=participants",
            {},
        ),
        ("a meeting's move form (htmx fragment)", f"/events/{event.slug}/manage/meetings/{m.pk}/move/", {"HTTP_HX_REQUEST": "true"}),
        ("API: requests left out, with reasons", f"/api/v1/events/{event.slug}/unscheduled", {}),
    ]:  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            ms, response = timed(lambda url=url, headers=headers: client.get(url, **headers))
        assert response.status_code == 200, (url, response.status_code)
        pages[label] = {
            "ms_median": ms,
            "kb": round(len(response.content) / 1024, 1),
            "queries": len(queries) // 3,
        }
    out["pages"] = pages
    return out


def markdown(report: dict) -> str:
    r = report["result"]
    lines = [
        f"# Single-meeting control — {report['date']}",
        "",
        f"Machine: {report['machine']}. Backend {r['backend']}: {r['participants']:,} participants, "
        f"{r['meetings']:,} meetings, published. Each change builds the engine problem of the whole "
        "event and runs the engine's validator (median of 3).",
        "",
        "| change | median |",
        "|---|---|",
        f"| move refused (a side is busy) | {r['move_refused_ms']} ms |",
        f"| move (validated, written, new version) | {r['move_ms']} ms ({r['move_queries_each']} queries) |",
        f"| swap | {r['swap_ms']} ms |",
        f"| place a late acceptance (engine repair, nobody moved) | {r['late_placement_ms']} ms |",
        "",
        f"Refusal: “{r['move_refused_message']}…”",
        "",
        "| page | median | size | queries |",
        "|---|---|---|---|",
    ]
    for label, p in r["pages"].items():
        lines.append(f"| {label} | {p['ms_median']} ms | {p['kb']} KB | {p['queries']} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2_500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    result = run(args.participants, args.seed)
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "result": result,
    }
    save_results(f"meeting-control-{today}", report, markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
