"""Colours that carry a meaning (a decision's status, an error, a missed deadline), worked
out from the palette in use so they stay readable on light, dark and high-contrast
palettes, and worked out again when the palette changes.

A tone starts from a hue chosen for light or dark palettes and is then moved towards the
palette's own text colour until it reaches WCAG AA contrast (4.5:1) against every
background it is drawn on; 7:1 (AAA) when the system asks for high contrast. The words
always say the same as the colour ("Overdue", "Error: ..."), so colour is never the only
signal."""

from __future__ import annotations

from functools import lru_cache
from weakref import WeakKeyDictionary

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

Role = QPalette.ColorRole

#: Hues for light palettes and for dark ones (before any contrast adjustment).
HUES: dict[str, tuple[str, str]] = {
    "neutral": ("#595959", "#b8b8b8"),
    "progress": ("#1a5fb4", "#8ab4f8"),
    "attention": ("#8a5300", "#f0b35a"),
    "done": ("#1e7a3c", "#7ccf8e"),
    "danger": ("#b3261e", "#f28b82"),
}

STATUS_TONES = {
    "draft": "neutral", "notice_published": "progress", "for_committee": "progress",
    "considered": "progress", "proposed": "attention", "taken": "done",
    "published": "done", "called_in": "danger", "effective": "done",
    "implemented": "neutral", "withdrawn": "neutral",
}
SEVERITY_TONES = {"error": "danger", "warning": "attention", "info": "progress"}

AA = 4.5
AAA = 7.0
#: Kept above the target so a background a shade off its palette role (a tab page,
#: an alternate row) still passes.
MARGIN = 0.3

#: The toned widgets and their tones, for :func:`refresh_tones`. Kept in Python rather
#: than as a Qt property: reading a property a widget lacks returns None from PySide6,
#: and PySide6 6.12.0 on Python 3.11 dropped a reference to None for each such call (and
#: for each void method called), bringing "deallocating None" nearer. (pyproject.toml pins
#: 6.11.3, which does not; tests/test_qt_binding.py guards the pin.)
_TONED: WeakKeyDictionary[QWidget, str] = WeakKeyDictionary()


def relative_luminance(colour: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightnessF() < 0.5


def high_contrast_requested() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


@lru_cache(maxsize=256)
def _readable(hue: int, towards: int, backgrounds: tuple[int, ...], target: float) -> int:
    start, end = QColor.fromRgb(hue), QColor.fromRgb(towards)
    walls = [QColor.fromRgb(b) for b in backgrounds]
    for step in range(21):
        colour = _mix(start, end, step / 20)
        if min(contrast(colour, w) for w in walls) >= target:
            return colour.rgb()
    return end.rgb()


def tone_colour(tone: str, palette: QPalette,
                on: tuple[Role, ...] = (Role.Base, Role.AlternateBase, Role.Window)) -> QColor:
    """The colour for ``tone`` as text on the ``on`` backgrounds of ``palette``."""
    light, dark = HUES[tone]
    hue = QColor(dark if is_dark(palette) else light)
    text = palette.color(Role.Text if Role.Base in on else Role.WindowText)
    target = (AAA if high_contrast_requested() else AA) + MARGIN
    backgrounds = tuple(palette.color(r).rgb() for r in on)
    return QColor.fromRgb(_readable(hue.rgb(), text.rgb(), backgrounds, target))


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    """A status as text in a list or table (on Base and AlternateBase rows)."""
    return tone_colour(STATUS_TONES[status], palette or QGuiApplication.palette(),
                       (Role.Base, Role.AlternateBase))


def _palette_around(widget: QWidget) -> QPalette:
    parent = widget.parentWidget()
    return parent.palette() if parent is not None else QApplication.palette(widget)


def set_tone(widget: QWidget, tone: str | None, around: QPalette | None = None) -> None:
    """Colour ``widget``'s text with ``tone`` (None: the palette's own text colour) for
    the palette ``around`` it (by default its parent's). The tone is kept so
    :func:`refresh_tones` can work it out again."""
    if not tone:
        if _TONED.pop(widget, None) is not None:
            widget.setPalette(QPalette())
        return
    _TONED[widget] = tone
    palette = QPalette()
    palette.setColor(widget.foregroundRole(),
                     tone_colour(tone, around or _palette_around(widget), (Role.Window,)))
    widget.setPalette(palette)


def badge_colours(tone: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(fill, text) for a badge on a Window background: the fill is the tone as it
    would be as text there, the text is the window colour, so both contrasts hold."""
    fill = tone_colour(tone, palette, (Role.Window,))
    return fill, palette.color(Role.Window)


def refresh_tones(root: QWidget) -> None:
    """Work out every toned widget under ``root`` again, for ``root``'s palette: called
    on ``root``'s palette change, before Qt has passed the change on to its children."""
    palette = root.palette()
    for widget, tone in list(_TONED.items()):
        if not shiboken6.isValid(widget):  # Qt deleted it; its Python wrapper lingers
            _TONED.pop(widget, None)
            continue
        if root.isAncestorOf(widget):
            set_tone(widget, tone, palette)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for when the system says dark but the
    platform gives Qt no dark palette of its own."""
    p = QPalette()
    colours = {
        Role.Window: "#2b2b2e", Role.WindowText: "#e6e6e6", Role.Base: "#1e1e20",
        Role.AlternateBase: "#262629", Role.ToolTipBase: "#3a3a3e",
        Role.ToolTipText: "#f0f0f0", Role.PlaceholderText: "#9a9a9a", Role.Text: "#e6e6e6",
        Role.Button: "#38383c", Role.ButtonText: "#e6e6e6", Role.BrightText: "#ffffff",
        Role.Light: "#4a4a4f", Role.Midlight: "#3e3e42", Role.Mid: "#2f2f33",
        Role.Dark: "#1a1a1c", Role.Shadow: "#000000", Role.Highlight: "#3d6fd6",
        Role.HighlightedText: "#ffffff", Role.Link: "#8ab4f8", Role.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    p.setColor(QPalette.ColorGroup.Disabled, Role.Base, QColor("#252528"))
    p.setColor(QPalette.ColorGroup.Disabled, Role.Button, QColor("#323235"))
    p.setColor(QPalette.ColorGroup.Disabled, Role.Highlight, QColor("#4a4a4f"))
    return p
