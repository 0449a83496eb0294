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
    python main.py meeting outcome --committee NAME --date D --item N --outcome OUTCOME
                                   [--recommendations TEXT]
    python main.py meeting paper-title --committee NAME --date D --item N
                                       --paper NAME_OR_POSITION --title T
    python main.py meeting publish --committee NAME --date D [--on D] [--late-reason TEXT]

Every rule and every sentence is ``governance.meetings``': the window says the same.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from governance import meetings, minutes
from governance.agenda import MeetingDetails, item_letters
from governance.desk import Desk
from governance.model import AgendaItem, Post
from governance.vocab import NOTICES, OUTCOMES
from ui.cli.common import CommandError, day, iso_date, say
from ui.cli.setup_commands import add_meeting_schedule


def add_commands(sub: Any) -> None:
    p = sub.add_parser("meeting", help="a meeting and its agenda: what the Meetings screen"
                       " does")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def meeting_parser(name: str, text: str, handler: Any,
                       item: bool = False) -> argparse.ArgumentParser:
        q = what.add_parser(name, help=text)
        q.add_argument("--committee", required=True)
        q.add_argument("--date", type=iso_date, required=True, help="the meeting's date")
        if item:
            q.add_argument("--item", required=True, metavar="N",
                           help="the item's number on the agenda: 7, or 9a for a sub-item")
        q.set_defaults(handler=handler)
        return q

    def details(q: argparse.ArgumentParser, editing: bool) -> None:
        empty = " (\"\" clears it)" if editing else ""
        q.add_argument("--time", metavar="HH:MM", help=f"24-hour, e.g. 10:00{empty}")
        q.add_argument("--venue", help=f"where it meets{empty}")
        q.add_argument("--clerk", metavar="NAME", help="the clerk (Ask for): someone who holds"
                       f" a post in the register{empty}")
        q.add_argument("--proper-officer", metavar="POST", help="the Proper Officer's post"
                       f" title, e.g. General Counsel{empty}")
        kinds = ", ".join(NOTICES)
        notices = q.add_mutually_exclusive_group() if editing else q
        notices.add_argument("--notice", action="append", metavar="KIND",
                             help=f"a notice on the front sheet (repeat for more): one of"
                                  f" {kinds}" + ("; replaces the notices" if editing else ""))
        if editing:
            notices.add_argument("--no-notices", action="store_true",
                                 help="take every notice off")

    q = meeting_parser("new", "a meeting whose agenda starts with the committee's standing"
                       " items", _new)
    details(q, editing=False)
    q = meeting_parser("edit", "change a meeting's time, venue, clerk, Proper Officer or"
                       " notices", _edit)
    details(q, editing=True)
    q = meeting_parser("show", "the meeting's details, items, papers and publication", _show)
    q.add_argument("--json", action="store_true")
    q = meeting_parser("add-item", "an item of business, before the closing standing items",
                       _add_item)
    q.add_argument("--title", help="the report's title (a decision's own if not given)")
    q.add_argument("--decision", metavar="NUMBER", help="the decision the item is about")
    q.add_argument("--description", help="what the committee is asked to do")
    q.add_argument("--parent", metavar="N", help="make it a sub-item of item N (Na, Nb, ...)")
    q = meeting_parser("attach", "attach PDF papers to an item, all or nothing", _attach,
                       item=True)
    q.add_argument("files", nargs="+", type=Path, metavar="FILE")
    q.add_argument("--title", help="the paper's title (one file only)")
    q.add_argument("--exempt-paragraph", type=int, metavar="P",
                   help="exempt under paragraph P (1 to 7) of Part 1 of Schedule 12A")
    q = meeting_parser("detach", "take a paper off an item", _detach, item=True)
    q.add_argument("--paper", required=True, metavar="FILE_NAME_OR_POSITION",
                   help="the paper's file name, or its position on the item (1, 2, ...)")
    q = meeting_parser("remove-item", "take an item off the agenda; the items after it are"
                       " numbered up", _remove_item, item=True)
    q.add_argument("--with-papers", action="store_true",
                   help="remove the item's papers with it (else an item with papers stays)")
    q = meeting_parser("exempt", "mark an item or one of its papers exempt, or not", _exempt,
                       item=True)
    q.add_argument("--paper", metavar="FILE_NAME_OR_POSITION",
                   help="one of the item's papers rather than the item")
    choice = q.add_mutually_exclusive_group(required=True)
    choice.add_argument("--paragraph", type=int, metavar="P",
                        help="the paragraph (1 to 7) of Part 1 of Schedule 12A")
    choice.add_argument("--none", action="store_true", help="not exempt")
    q = meeting_parser("move", "move an item to another place on the agenda", _move,
                       item=True)
    q.add_argument("--to", required=True, metavar="M",
                   help="its new number (for a sub-item: a letter, or 9b)")
    q = meeting_parser("outcome", "the committee's outcome for the decision an item"
                       " considers: the same as recording it on the decision", _outcome,
                       item=True)
    q.add_argument("--outcome", required=True, choices=OUTCOMES)
    q.add_argument("--recommendations", metavar="TEXT",
                   help="the committee's recommendations (with recommendations_made)")
    q = meeting_parser("paper-title", "give one of an item's papers a title (the pack's"
                       " bookmark shows it)", _paper_title, item=True)
    q.add_argument("--paper", required=True, metavar="FILE_NAME_OR_POSITION",
                   help="the paper's file name, or its position on the item (1, 2, ...)")
    q.add_argument("--title", required=True, help="the title (\"\" for the file's name)")
    q = meeting_parser("publish", "publish the agenda (once), against the statutory deadline",
                       _publish)
    q.add_argument("--on", type=iso_date, metavar="D", help="the day it is published"
                   " (default: today)")
    q.add_argument("--late-reason", metavar="TEXT", help="why it is published after the"
                   " deadline (the urgent business)")
    add_meeting_schedule(what)


def _post(post: Post | None, first: str) -> str:
    if post is None:
        return ""
    bits = [x for x in (getattr(post, first), post.phone, post.email) if x]
    return f" ({', '.join(bits)})" if bits else ""


def _people(details: MeetingDetails) -> str:
    m = details.meeting
    bits = []
    if m.clerk:
        bits.append(f"Ask for: {m.clerk}{_post(details.clerk, 'title')}")
    if m.proper_officer:
        bits.append(f"Proper Officer: {m.proper_officer}"
                    f"{_post(details.proper_officer, 'holder')}")
    bits.append(f"notices: {', '.join(m.notices) or 'none'}")
    return "; ".join(bits)


def _new(desk: Desk, args: argparse.Namespace) -> int:
    done = meetings.create_meeting(
        desk, args.committee, args.date, time=args.time, venue=args.venue,
        clerk=args.clerk, proper_officer=args.proper_officer, notices=args.notice or ())
    say(done)
    if args.clerk or args.proper_officer or args.notice:
        print(_people(done.value) + ".")
    return 0


def _edit(desk: Desk, args: argparse.Namespace) -> int:
    given: dict[str, Any] = {k: getattr(args, k) for k in ("time", "venue", "clerk",
                                                             "proper_officer")
                             if getattr(args, k) is not None}
    if args.no_notices:
        given["notices"] = []
    elif args.notice:
        given["notices"] = args.notice
    if not given:
        raise CommandError("give what to change: --time, --venue, --clerk,"
                           " --proper-officer, --notice or --no-notices")
    say(meetings.update_meeting(desk, args.committee, args.date, **given))
    return 0


def _add_item(desk: Desk, args: argparse.Namespace) -> int:
    if not (args.title or args.decision):
        raise CommandError("give --title, or --decision (its title is used)")
    say(meetings.add_item(desk, args.committee, args.date, args.title, decision=args.decision,
                          description=args.description, parent=args.parent))
    return 0


def _attach(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.attach_papers(desk, args.committee, args.date, args.item, args.files,
                               title=args.title, exempt_paragraph=args.exempt_paragraph))
    return 0


def _detach(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.remove_paper(desk, args.committee, args.date, args.item, args.paper))
    return 0


def _remove_item(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.remove_item(desk, args.committee, args.date, args.item,
                             with_papers=args.with_papers))
    return 0


def _exempt(desk: Desk, args: argparse.Namespace) -> int:
    paragraph = None if args.none else args.paragraph
    if args.paper is None:
        say(meetings.set_item_exempt(desk, args.committee, args.date, args.item, paragraph))
    else:
        say(meetings.set_paper_exempt(desk, args.committee, args.date, args.item, args.paper,
                                      paragraph))
    return 0


def _outcome(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.record_outcome(desk, args.committee, args.date, args.item, args.outcome,
                                args.recommendations))
    return 0


def _paper_title(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.set_paper_title(desk, args.committee, args.date, args.item, args.paper,
                                 args.title))
    return 0


def _move(desk: Desk, args: argparse.Namespace) -> int:
    say(meetings.move_item(desk, args.committee, args.date, args.item, args.to))
    return 0


def _publish(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.publish(desk, args.committee, args.date, args.on, args.late_reason))
    return 0


# --- show ---------------------------------------------------------------------------------


def _item_json(desk: Desk, item: AgendaItem, number: str, label: str) -> dict[str, Any]:
    return {
        "number": number, "label": label, "title": item.title, "standing": item.standing,
        "decision": item.decision, "description": item.description,
        "exempt_paragraph": item.exempt_paragraph,
        "papers": [{"position": i + 1, "file_name": p.path, "title": p.title,
                    "pages": meetings.paper_pages(desk, p), "sha256": p.sha256,
                    "exempt_paragraph": p.exempt_paragraph}
                   for i, p in enumerate(item.papers)],
        "items": [_item_json(desk, sub, f"{number}{item_letters(j)}", f"{item_letters(j)})")
                  for j, sub in enumerate(item.items)],
    }


def _post_json(post: Post | None) -> dict[str, Any] | None:
    return None if post is None else {"title": post.title, "holder": post.holder,
                                      "phone": post.phone, "email": post.email}


def meeting_json(desk: Desk, details: MeetingDetails) -> dict[str, Any]:
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
        "items": [_item_json(desk, item, str(i + 1), str(i + 1))
                  for i, item in enumerate(m.items)],
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


def _show(desk: Desk, args: argparse.Namespace) -> int:
    details = meetings.meeting(desk, args.committee, args.date)
    data = meeting_json(desk, details)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    m, p = details.meeting, details.publication
    print(f"{m.committee}, {day(m.date)}" + (f" at {m.time}" if m.time else ""))
    print(f"Venue: {m.venue or 'none'}")
    print(f"Ask for: {m.clerk + _post(details.clerk, 'title') if m.clerk else 'none'}")
    print("Proper Officer: " + (m.proper_officer + _post(details.proper_officer, 'holder')
                                if m.proper_officer else "none"))
    print(f"Notices: {', '.join(m.notices) or 'none'}")
    if p.published_on is None:
        print(f"Agenda: not published; the deadline is {day(p.deadline)}")
    elif p.late:
        print(f"Agenda: published {day(p.published_on)}, late (the deadline was"
              f" {day(p.deadline)}); reason: {p.late_reason or 'not recorded'}")
    else:
        print(f"Agenda: published {day(p.published_on)}, on time (the deadline was"
              f" {day(p.deadline)})")
    print("Items:")
    for item in data["items"]:
        print("\n".join(_item_lines(item, 0)))
    return 0
