"""``meeting ...``: what the Meetings screen does to a meeting and its agenda, for scripts.

    python main.py meeting new --committee NAME --date D [--time HH:MM] [--venue TEXT]
                               [--clerk NAME] [--proper-officer POST] [--notice KIND]...
    python main.py meeting edit --committee NAME --date D [--time] [--venue] [--clerk]
                                [--proper-officer] [--notice KIND ... | --no-notices]
    python main.py meeting show --committee NAME --date D [--json]
    python main.py meeting add-item --committee NAME --date D [--title T] [--decision N]
                                    [--description TEXT] [--parent N]
    python main.py meeting attach --committee NAME --date D --item N FILE...
                                  [--title T] [--exempt-paragraph P]
    python main.py meeting detach --committee NAME --date D --item N --paper NAME_OR_POSITION
    python main.py meeting remove-item --committee NAME --date D --item N [--with-papers]
    python main.py meeting exempt --committee NAME --date D --item N [--paper NAME]
                                  --paragraph P | --none
    python main.py meeting move --committee NAME --date D --item N --to M
    python main.py meeting publish --committee NAME --date D [--on D] [--late-reason TEXT]

Every rule and every sentence is db.meetings': the window says the same.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from db import meetings
from governance.calendar import agenda_publication_deadline
from governance.model import AgendaItem, Post
from governance.papers import PaperError, check_paper


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def cmd_meeting(register: Any, args: Any) -> int:
    return {
        "new": _new, "edit": _edit, "show": _show, "add-item": _add_item,
        "attach": _attach, "detach": _detach, "remove-item": _remove_item,
        "exempt": _exempt, "move": _move, "publish": _publish,
    }[args.what](register, args)


def _people(details: meetings.MeetingDetails) -> str:
    m = details.meeting
    bits = []
    if m.clerk:
        bits.append(f"Ask for: {m.clerk}{_post(details.clerk, 'title')}")
    if m.proper_officer:
        bits.append(f"Proper Officer: {m.proper_officer}"
                    f"{_post(details.proper_officer, 'holder')}")
    bits.append(f"notices: {', '.join(m.notices) or 'none'}")
    return "; ".join(bits)


def _post(post: Post | None, first: str) -> str:
    if post is None:
        return ""
    bits = [x for x in (getattr(post, first), post.phone, post.email) if x]
    return f" ({', '.join(bits)})" if bits else ""


def _new(register: Any, args: Any) -> int:
    details = meetings.create_meeting(
        register, args.committee, args.date, time=args.time, venue=args.venue,
        clerk=args.clerk, proper_officer=args.proper_officer, notices=args.notice or ())
    items = len(details.meeting.items)
    print(f"Made the meeting of {args.committee} on {_day(args.date)} with {items}"
          f" standing item{'s' if items != 1 else ''}; publish its agenda by"
          f" {_day(agenda_publication_deadline(args.date))}.")
    if args.clerk or args.proper_officer or args.notice:
        print(_people(details) + ".")
    return 0


def _edit(register: Any, args: Any) -> int:
    given: dict[str, Any] = {k: getattr(args, k) for k in ("time", "venue", "clerk",
                                                             "proper_officer")
                             if getattr(args, k) is not None}
    if args.no_notices:
        given["notices"] = []
    elif args.notice:
        given["notices"] = args.notice
    if not given:
        raise meetings.MeetingError("give what to change: --time, --venue, --clerk,"
                                    " --proper-officer, --notice or --no-notices")
    print(meetings.update_meeting(register, args.committee, args.date, **given).message)
    return 0


def _add_item(register: Any, args: Any) -> int:
    if not (args.title or args.decision):
        raise meetings.MeetingError("give --title, or --decision (its title is used)")
    number, title = meetings.add_business_item(
        register, args.committee, args.date, args.title, decision=args.decision,
        description=args.description, parent=args.parent)
    print(f"Added item {number} to the agenda of {args.committee}, {_day(args.date)}:"
          f" {title}.")
    return 0


def _attach(register: Any, args: Any) -> int:
    print(meetings.attach_papers(register, args.committee, args.date, args.item, args.files,
                                 title=args.title,
                                 exempt_paragraph=args.exempt_paragraph).message)
    return 0


def _detach(register: Any, args: Any) -> int:
    print(meetings.remove_paper(register, args.committee, args.date, args.item,
                                args.paper).message)
    return 0


def _remove_item(register: Any, args: Any) -> int:
    print(meetings.remove_item(register, args.committee, args.date, args.item,
                               with_papers=args.with_papers).message)
    return 0


def _exempt(register: Any, args: Any) -> int:
    paragraph = None if args.none else args.paragraph
    if args.paper is None:
        meetings.set_item_exempt(register, args.committee, args.date, args.item, paragraph)
        what = f"Item {args.item}"
    else:
        meetings.set_paper_exempt(register, args.committee, args.date, args.item, args.paper,
                                  paragraph)
        what = f"Paper {args.paper} of item {args.item}"
    state = (f"exempt under paragraph {paragraph} of Part 1 of Schedule 12A" if paragraph
             else "not exempt")
    print(f"{what} of the agenda of {args.committee}, {_day(args.date)}: {state}.")
    return 0


def _move(register: Any, args: Any) -> int:
    print(meetings.move_item(register, args.committee, args.date, args.item, args.to).message)
    return 0


def _publish(register: Any, args: Any) -> int:
    on = args.on or dt.date.today()
    print(meetings.publish(register, args.committee, args.date, on, args.late_reason).message)
    return 0


# --- show -------------------------------------------------------------------------------


def _pages(content: bytes | None, name: str) -> int | None:
    if content is None:
        return None
    try:
        return check_paper(content, name).pages
    except PaperError:
        return None


def _item_json(item: AgendaItem, number: str, label: str) -> dict[str, Any]:
    return {
        "number": number, "label": label, "title": item.title, "standing": item.standing,
        "decision": item.decision, "description": item.description,
        "exempt_paragraph": item.exempt_paragraph,
        "papers": [{"position": i + 1, "file_name": p.path, "title": p.title,
                    "pages": _pages(p.content, p.path), "sha256": p.sha256,
                    "exempt_paragraph": p.exempt_paragraph}
                   for i, p in enumerate(item.papers)],
        "items": [_item_json(sub, f"{number}{meetings.item_letters(j)}",
                             f"{meetings.item_letters(j)})")
                  for j, sub in enumerate(item.items)],
    }


def _post_json(post: Post | None) -> dict[str, Any] | None:
    return None if post is None else {"title": post.title, "holder": post.holder,
                                      "phone": post.phone, "email": post.email}


def meeting_json(details: meetings.MeetingDetails) -> dict[str, Any]:
    """The meeting as ``meeting show --json`` prints it."""
    m, p = details.meeting, details.publication
    return {
        "committee": m.committee, "date": m.date.isoformat(), "time": m.time,
        "venue": m.venue,
        "clerk": m.clerk, "clerk_post": _post_json(details.clerk),
        "proper_officer": m.proper_officer,
        "proper_officer_post": _post_json(details.proper_officer),
        "notices": list(m.notices),
        "publication": {
            "deadline": p.deadline.isoformat(),
            "published_on": p.published_on.isoformat() if p.published_on else None,
            "status": p.status, "late": p.late, "late_reason": p.late_reason},
        "items": [_item_json(item, str(i + 1), str(i + 1)) for i, item in enumerate(m.items)],
    }


def _item_lines(item: dict[str, Any], indent: int) -> list[str]:
    marks = []
    if item["standing"]:
        marks.append("standing")
    if item["exempt_paragraph"]:
        marks.append(f"exempt, paragraph {item['exempt_paragraph']}")
    title = f"{item['decision']} - {item['title']}" if item["decision"] else item["title"]
    label = item["label"] if indent == 0 else f"{' ' * indent}{item['label']}"
    lines = [f"  {label:<6}{title}" + (f" [{'; '.join(marks)}]" if marks else "")]
    for p in item["papers"]:
        bits = [f"paper {p['position']}: {p['file_name']}"]
        if p["title"]:
            bits.append(repr(p["title"]))
        if p["pages"] is not None:
            bits.append(f"{p['pages']} page{'s' if p['pages'] != 1 else ''}")
        bits.append(f"sha256 {p['sha256'][:12]}")
        if p["exempt_paragraph"]:
            bits.append(f"exempt, paragraph {p['exempt_paragraph']}")
        lines.append(f"  {' ' * (indent + 8)}" + ", ".join(bits))
    for sub in item["items"]:
        lines.extend(_item_lines(sub, indent + 2))
    return lines


def _show(register: Any, args: Any) -> int:
    details = meetings.meeting(register, args.committee, args.date)
    data = meeting_json(details)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    m, p = details.meeting, details.publication
    print(f"{m.committee}, {_day(m.date)}" + (f" at {m.time}" if m.time else ""))
    print(f"Venue: {m.venue or 'none'}")
    print(f"Ask for: {m.clerk + _post(details.clerk, 'title') if m.clerk else 'none'}")
    print("Proper Officer: " + (m.proper_officer + _post(details.proper_officer, 'holder')
                                if m.proper_officer else "none"))
    print(f"Notices: {', '.join(m.notices) or 'none'}")
    if p.published_on is None:
        print(f"Agenda: not published; the deadline is {_day(p.deadline)}")
    elif p.late:
        print(f"Agenda: published {_day(p.published_on)}, late (the deadline was"
              f" {_day(p.deadline)}); reason: {p.late_reason or 'not recorded'}")
    else:
        print(f"Agenda: published {_day(p.published_on)}, on time (the deadline was"
              f" {_day(p.deadline)})")
    print("Items:")
    for item in data["items"]:
        print("\n".join(_item_lines(item, 0)))
    return 0
