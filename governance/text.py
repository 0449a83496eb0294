"""What text the register takes: the one rule, used wherever text enters (import, every
edit in the window, every command) and again before any document is made from what is
stored (text kept before the rule existed).

- Control characters (C0: NUL, BEL, ESC ... U+0000-U+001F, and DEL) are refused in every
  field, except tab and new line. The carriage return is refused too: a line break in the
  register is a new line (U+000A) alone, the same everywhere (the window's text boxes
  already turn a pasted CR LF into one); a CR would print as nothing or as a second break.
  No document format can hold the rest at all (Word's XML refuses them).
- Bidirectional formatting characters (the right-to-left override U+202E and its kin
  U+202A-U+202E, the isolates U+2066-U+2069) are refused in every field: they make text
  read differently from what is stored (a title that shows "fdp.exe" can hold "exe.pdf").
- Invisible characters (zero-width space, joiners and marks, the word joiner, a byte
  order mark ...) are refused in titles and names, where two that look the same must be
  the same.
- The two non-characters U+FFFE and U+FFFF and half surrogate pairs are refused too.

:func:`problem` says what is wrong with a text (or None); :func:`check` and
:func:`check_fields` raise :class:`TextError` naming the field; :func:`first_problem`
walks a domain object (a decision, a meeting) for the first field that breaks the rule.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from governance.errors import UserError
from governance.vocab import TEXT_FIELD_LABELS

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064"
                        "\u3164\ufeff\uffa0]")

#: Keys whose values are titles or names (one line that identifies something).
NAME_KEYS = frozenset({
    "title", "name", "holder", "member", "committee", "post", "decision_maker",
    "signed_by", "clerk", "proper_officer", "party", "report_author", "relevant_director",
    "signed_off_by", "path", "file_name", "login"})

_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN (CR)", "\x00": "NUL",
          "\x07": "BEL", "\x08": "BACKSPACE", "\x1b": "ESCAPE", "\x7f": "DELETE"}


class TextError(UserError):
    """Text the register refuses: the sentence names the field, the character and where
    it is in the text."""


def _char(ch: str) -> str:
    name = _NAMES.get(ch) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def problem(text: str, *, name: bool = False) -> str | None:
    """What is wrong with ``text`` (``name``: a title or a name), as the end of a sentence
    after the field's name; None when it may be stored."""
    for pattern, what, remedy in (
            (_CONTROL, "a control character", "remove it (tab and new line are the only"
                                              " control characters a field may hold)"),
            (_BIDI, "a bidirectional formatting character", "remove it (it makes text"
                                                            " read differently from what"
                                                            " is stored)"),
            *(((_INVISIBLE, "an invisible character", "remove it (a title or name"
                            " shows every character it holds)"),) if name else ())):
        found = pattern.search(text)
        if found is not None:
            at = found.start()
            if text[at] == "\r":
                what, remedy = "a carriage return", "line breaks are new lines alone"
            return f"contains {what} ({_char(text[at])}) at character {at + 1}: {remedy}"
    return None


def check(what: str, text: str | None, *, name: bool = False) -> None:
    """Refuse ``text`` if it breaks the rule; ``what`` names the field in the sentence
    (e.g. "the venue of the meeting")."""
    if text is None:
        return
    found = problem(text, name=name)
    if found is not None:
        raise TextError(f"{_capital(what)} {found}.")


def check_fields(subject: str, fields: Mapping[str, Any]) -> None:
    """Refuse the first of ``fields`` (key -> value: text, or a domain object holding
    text) that breaks the rule, naming it as ``subject``'s field."""
    for key, value in fields.items():
        found = first_problem(value, (key,))
        if found is not None:
            path, why = found
            raise TextError(f"{_capital(subject)}: {field_words(path)} {why}.")


def check_object(subject: str, value: Any) -> None:
    """Refuse a domain object (a decision, a meeting ...) holding text that breaks the rule,
    naming the field: what a document about it could not print."""
    found = first_problem(value)
    if found is not None:
        path, why = found
        raise TextError(f"{_capital(subject)}: {field_words(path)} {why}.")


def first_problem(value: Any, path: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], str] | None:
    """The first text in ``value`` (a string, a dataclass, a mapping or a sequence of
    them) that breaks the rule: (its path, what is wrong), or None."""
    for where, text in _texts(value, path):
        key = next((p for p in reversed(where) if isinstance(p, str)), "")
        found = problem(text, name=key in NAME_KEYS)
        if found is not None:
            return where, found
    return None


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str):  # a party group's name, a member's name
                yield (*path, "name"), key
            yield from _texts(item, (*path, key if isinstance(key, str) else str(key)))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))


_LISTS = {"parts": "part", "items": "item", "papers": "paper",
          "committee_considerations": "committee consideration", "membership": "member",
          "notices": "notice"}


def field_words(path: tuple[Any, ...]) -> str:
    """A field's path in words: ``("reasons",)`` -> "the Reason(s) for decision",
    ``("parts", 1, "text")`` -> "the text of part b)"."""
    words: list[str] = []
    for i, p in enumerate(path):
        if isinstance(p, int):
            parent = path[i - 1] if i else ""
            if parent == "parts":
                words[-1] = f"part {chr(ord('a') + p) if p < 26 else p + 1})"
            else:
                words[-1] = f"{_LISTS.get(str(parent), str(parent))} {p + 1}"
        else:
            words.append(TEXT_FIELD_LABELS.get(p, str(p).replace("_", " ")))
    if not words:
        return "the text"
    return "the " + " of ".join(reversed(words))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
