"""``meeting new`` and ``meeting add-item``: what the Meetings screen's New meeting… and
Add item… do, for scripts.

    python main.py meeting new --committee NAME --date D [--time HH:MM] [--venue TEXT]
    python main.py meeting add-item --committee NAME --date D [--title T] [--decision N]
                                    [--description TEXT]
"""

from __future__ import annotations

from typing import Any

from db import meetings
from governance.calendar import agenda_publication_deadline


def _day(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def cmd_meeting(register: Any, args: Any) -> int:
    if args.what == "new":
        details = meetings.create_meeting(register, args.committee, args.date,
                                          time=args.time, venue=args.venue)
        items = len(details.meeting.items)
        print(f"Made the meeting of {args.committee} on {_day(args.date)} with {items}"
              f" standing item{'s' if items != 1 else ''}; publish its agenda by"
              f" {_day(agenda_publication_deadline(args.date))}.")
        return 0
    if not (args.title or args.decision):
        raise meetings.MeetingError("give --title, or --decision (its title is used)")
    number, title = meetings.add_business_item(
        register, args.committee, args.date, args.title, decision=args.decision,
        description=args.description)
    print(f"Added item {number} to the agenda of {args.committee}, {_day(args.date)}:"
          f" {title}.")
    return 0
