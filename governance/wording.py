"""Wording rules that the record's text and the checks share, so that what ``check``
reports and what the Record of Decision prints follow one rule.

The consultation field of a proposed record looks forward ("The proposed decision will be
discussed at the Adult Social Care Cabinet Committee on 12 March 2019 and the outcome
included in the paperwork which the Cabinet Member will be asked to sign."). Once the
committee's outcome is recorded (or the decision is taken outside the cycle), the record
prints the outcome *in place of* that sentence, never after it: the sentences that look
forward are dropped (with a list they introduce, "... will be considered by the following
Cabinet Committees:" and its bullets), and the outcome goes where the first of them stood.
"""

from __future__ import annotations

import re

from governance.model import Decision

#: A sentence of the consultation field that says what will happen at committee.
FORWARD_PATTERNS = (
    re.compile(r"\bproposed decision will\b", re.IGNORECASE),
    re.compile(r"\bwill be (?:discussed|considered)\b", re.IGNORECASE),
)
#: Where one sentence ends and the next begins, within a line.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z(])")
#: A conjunction a part's text may already end with ("...; and", "... or").
TRAILING_CONJUNCTION = re.compile(r"[\s;,]*\b(and|or)\s*[;,.]*\s*$", re.IGNORECASE)
#: Where the split goes: a character no clerk types.
_MARK = "\x00"


def _is_bullet(line: str) -> bool:
    return line[:1] in "•*" or line.startswith("- ")


def looks_forward(sentence: str) -> bool:
    return any(p.search(sentence) for p in FORWARD_PATTERNS)


def split_forward(text: str | None) -> tuple[str, str] | None:
    """``text`` without its forward-looking sentences, as (before, after) the place of the
    first one; None when it has none."""
    blocks: list[str] = []
    dropped = dropping_list = False
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines: list[str] = []
        for raw in block.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if _is_bullet(line):
                if not dropping_list:
                    lines.append(line)
                continue
            dropping_list = False
            kept: list[str] = []
            for sentence in _SENTENCE_END.split(line):
                if looks_forward(sentence):
                    if not dropped:
                        kept.append(_MARK)
                    dropped = True
                    dropping_list = sentence.rstrip().endswith(":")
                else:
                    kept.append(sentence)
            if kept:
                lines.append(" ".join(kept))
        if lines:
            blocks.append("\n".join(lines))
    if not dropped:
        return None
    before, _mark, after = "\n\n".join(blocks).partition(_MARK)
    return before.strip(), after.strip()


def consultation_outcome_replaces(decision: Decision) -> bool:
    """Whether the record prints the committee's outcome (or how the decision was taken
    outside the cycle) in place of the consultation text's forward-looking sentences: on a
    taken record, whenever there is such an outcome to print; on a proposed one, once every
    committee it went to has an outcome."""
    considerations = decision.committee_considerations
    if decision.is_taken:
        return any(c.outcome for c in considerations) or outside_cycle(decision)
    return bool(considerations) and all(c.outcome for c in considerations)


def consultation_as_printed(decision: Decision) -> str:
    """The consultation text as the record prints it, without the outcome sentences: what
    ``check`` reads for wording a taken record must not keep."""
    text = decision.consultation or ""
    if consultation_outcome_replaces(decision):
        split = split_forward(text)
        if split is not None:
            return "\n\n".join(part for part in split if part)
    return text


def outside_cycle(decision: Decision) -> bool:
    """Taken (or to be taken) outside the Cabinet Committee cycle: the outside-cycle route,
    general exception or special urgency."""
    return (decision.route or "committee") != "committee"


def part_text(text: str) -> tuple[str, str | None]:
    """A part's text without the full stop, semicolon or conjunction it may already end
    with, and that conjunction ("and", "or"; None if it had none): the parts are joined by
    the record's own "; and", never doubled ("...31 March 2022; and; and")."""
    stripped = text.strip()
    found = TRAILING_CONJUNCTION.search(stripped)
    conjunction = None
    if found and found.start() > 0:
        conjunction = found.group(1).lower()
        stripped = stripped[:found.start()]
    return stripped.rstrip(" .;,"), conjunction
