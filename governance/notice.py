"""The statutory notices of SI 2012/2089 (The Local Authorities (Executive Arrangements)
(Meetings and Access to Information) (England) Regulations 2012) as the document adapters
print them: the 28-day notice of intention to hold part of a meeting in private
(regulation 5(2), with the reasons), the confirmation at least 5 clear days before
(regulation 5(4), with any representations and the response), the general exception
notice (regulation 10) and the special urgency record (regulation 11, naming who agreed).
Pure: no store, no desk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The kinds of notice, as ``--kind`` names them.
KINDS = ("private", "private-confirmation", "general-exception", "special-urgency")
#: The kinds that are about a meeting held (partly) in private.
PRIVATE_KINDS = ("private", "private-confirmation")
#: Clear days each notice must run before the meeting or the decision.
CLEAR_DAYS = {"private": 28, "private-confirmation": 5, "general-exception": 5,
              "special-urgency": 0}


@dataclass(frozen=True)
class NoticeMeeting:
    """The meeting (part of which is) held in private."""

    committee: str
    date: dt.date
    time: str | None = None
    venue: str | None = None


@dataclass(frozen=True)
class Notice:
    """One notice about one decision. It names the decision by number and title and says
    why it is private by Schedule 12A paragraph: never the exempt content itself."""

    kind: str
    number: str
    title: str
    decision_maker: str
    #: The holder of the decision maker's post, when the register knows.
    maker_name: str | None
    #: When the decision is expected to be taken, in words ("" when not known).
    expected: str
    #: The Schedule 12A paragraph the private part is exempt under.
    paragraph: int | None = None
    meeting: NoticeMeeting | None = None
    #: Why notice could not be given (general exception) or why the decision is urgent
    #: and cannot reasonably be deferred, with who agreed (special urgency).
    reason: str | None = None
    #: Who was informed in writing (the chairman of the overview and scrutiny committee).
    informed: str | None = None
    #: Representations received about holding the meeting in private, and the response.
    representations: str | None = None
    response: str | None = None
    #: The date printed as the notice's date.
    dated: dt.date | None = None
    #: The proper officer who gives the notice (post, and holder when known).
    proper_officer: str | None = None
    #: General exception: the first day the decision may be taken (5 clear days after).
    earliest: dt.date | None = None


@dataclass(frozen=True)
class NoticePublication:
    """A published notice: what kind, for which decision, when, and what it recorded."""

    kind: str
    number: str
    on: dt.date
    recorded_by: str
    committee: str | None = None
    date: dt.date | None = None
    paragraph: int | None = None
    reason: str | None = None
    informed: str | None = None
    representations: str | None = None
    response: str | None = None
