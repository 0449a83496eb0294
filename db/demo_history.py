"""What the demo register's 2019 meeting printed that the interchange format does not
carry: the committee's membership as it stood on 12 March 2019 (the committee's own list
is today's), and the 2019 clerk's post with her telephone. Recorded when the demo is
loaded, so that re-rendering the 2019 agenda prints the 2019 front sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

COMMITTEE = "Adult Social Care Cabinet Committee"
MEETING_2019 = dt.date(2019, 3, 12)

#: As printed on the 12 March 2019 agenda ("Membership (14)", 15 seats listed).
MEMBERSHIP_2019 = (
    ("Mrs P T Cole", "chairman"), ("Mrs C Bell", "vice_chairman"),
    ("Mr D L Brazier", "member"), ("Ms D Marsh", "member"), ("Mrs A D Allen, MBE", "member"),
    ("Mrs P M Beresford", "member"), ("Mrs S Chandler", "member"),
    ("Ms S Hamilton", "member"), ("Mr P J Homewood", "member"), ("Mrs L Hurst", "member"),
    ("Mr D D Monk", "member"), ("Mrs T Dean, MBE", "member"), ("Ida Linfield", "member"),
    ("Dr L Sullivan", "member"),
)
PARTY_SEATS_2019 = {"Conservative": 12, "Liberal Democrat": 2, "Labour": 1}

#: The 2019 clerk's post, which the 2023 register lacks (her telephone is on the agenda).
CLERK_2019 = ("Democratic Services Officer (Adult Social Care Cabinet Committee, 2019)",
              "Emma West", "03000 412421")


def record_2019_agenda(register: Any) -> None:
    """Record the 2019 meeting's printed membership and its clerk's post (again: the same
    result however often it is run)."""
    from db import meetings
    from governance.model import Membership, Post, RegisterDocument

    if meetings.meeting(register, COMMITTEE, MEETING_2019).clerk is None:
        title, holder, phone = CLERK_2019
        register.import_document(RegisterDocument(posts=[Post(title, holder, phone)]),
                                 source="demo")
    meetings.record_membership(
        register, COMMITTEE, MEETING_2019, [Membership(n, r) for n, r in MEMBERSHIP_2019],
        seats=15, party_seats=dict(PARTY_SEATS_2019))
