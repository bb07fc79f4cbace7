"""Badges: one per person, eight to an A4 page, the code and the QR code inside their cell in
every language; scanning a person's badge checks that person in."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from rabta.events import documents
from rabta.events.models import Badge
from tests.events.conftest import make_participant
from tests.factories import MemberFactory, UserFactory

MM = 72 / 25.4

NAMES = [
    "Muhammad Abdul Rehman Qureshi-Siddiqui",
    "Анастасия Владимировна Константинопольская",
    "محمد عبدالرحمٰن قریشی صدیقی",
    "Li",
    "Ekaterina Ivanova",
]


@pytest.fixture
def crowd(event):
    """23 organisations (one not approved), 1 to 3 people each: 43 approved people."""
    registrations = []
    for number in range(23):
        name = (
            f"Sialkot Surgical Instruments Manufacturing Company {number}"
            if number % 4 == 0
            else f"Ural Med {number}"
        )
        registration = make_participant(event, name, approve=number != 22)
        org = registration.organisation
        for extra in range(number % 3):
            user = UserFactory(
                username=f"extra-{number}-{extra}", full_name=NAMES[(number + extra) % len(NAMES)]
            )
            MemberFactory(organisation=org, user=user)
            registration.attendees.add(user)
        registrations.append(registration)
    return registrations


def approved_badges(event):
    return list(Badge.objects.for_event(event).filter(registration__status="approved"))


def test_every_attending_person_has_a_badge_of_their_own(event, crowd):
    badges = Badge.objects.for_event(event)
    people = sum(r.attendees.count() for r in crowd)
    assert badges.count() == people == 45
    assert len({b.code for b in badges}) == people
    registration = crowd[1]
    leaving = registration.attendees.exclude(pk=registration.registered_by_id).first()
    registration.attendees.remove(leaving)
    assert not badges.filter(registration=registration, person=leaving).exists()


def _cells(page):
    """The badges' frames: rectangles of about 90 × 64 mm (a border is drawn as its outer and
    inner edge: the outer one is the cell)."""
    frames = [
        r for r in page.rects if abs(r["width"] - 90 * MM) < 2 and abs(r["height"] - 64 * MM) < 2
    ]
    return [r for r in frames if not any(_inside(r, o, slack=0) and o is not r for o in frames)]


def _inside(box, cell, slack=0.5):
    return (
        box["x0"] >= cell["x0"] - slack
        and box["x1"] <= cell["x1"] + slack
        and box["top"] >= cell["top"] - slack
        and box["bottom"] <= cell["bottom"] + slack
    )


def _overlap(a, b):
    return not (
        a["x1"] <= b["x0"]
        or b["x1"] <= a["x0"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


def _pixels(image) -> list[list[bool]]:
    """The picture's pixels (8-bit grey or RGB, as WeasyPrint embeds a PNG), True for white."""
    width, height = image["srcsize"]
    data = image["stream"].get_data()
    colours = 3 if str(image["stream"]["ColorSpace"]).endswith("RGB'") else 1
    assert image["stream"]["BitsPerComponent"] == 8
    assert len(data) == width * height * colours
    return [[data[(y * width + x) * colours] > 127 for x in range(width)] for y in range(height)]


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_badges_pdf_every_code_and_qr_inside_its_own_cell(event, crowd, language, tmp_path):
    import qrcode

    pdf = documents.badges_pdf(event, language=language)
    (tmp_path / f"badges-{language}.pdf").write_bytes(pdf)
    expected = {b.code: b for b in approved_badges(event)}
    assert len(expected) == 43
    seen = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 6  # 43 badges, 8 a page
        for page in document.pages:
            cells = _cells(page)
            assert page.width == pytest.approx(210 * MM, abs=1)
            for a in cells:
                assert a["x0"] >= 0 and a["x1"] <= page.width
                assert a["top"] >= 0 and a["bottom"] <= page.height
                assert not any(_overlap(a, b) for b in cells if b is not a)
            images = page.images
            words = [w for w in page.extract_words() if w["text"] in expected]
            assert len(cells) == len(images) == len(words)
            for cell in cells:
                (image,) = [i for i in images if _inside(i, cell)]
                (word,) = [w for w in words if _inside(w, cell)]
                assert not _overlap(word, image)
                # the picture is this person's own QR code, module for module
                modules = qrcode.QRCode(border=0)
                modules.add_data(expected[word["text"]].qr_text)
                assert image["srcsize"] == (len(modules.get_matrix()),) * 2
                assert _pixels(image) == [[not m for m in row] for row in modules.get_matrix()]
                seen.append(word["text"])
    assert sorted(seen) == sorted(expected)
