"""The window follows the palette (light, dark, high contrast): every coloured text it
draws keeps WCAG AA contrast (4.5:1) against what it is drawn on, also after the palette
changes under a running window; and every control has a name a screen reader can say
(pytest-qt, offscreen, Fusion)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from governance.vocab import STATUSES
from ui.app import MainWindow

TODAY = dt.date(2023, 11, 1)
ASC = "Adult Social Care Cabinet Committee"
AA = 4.5
Role = QPalette.ColorRole


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def linear(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(c.red()) + 0.7152 * linear(c.green()) + 0.0722 * linear(c.blue())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_ratio_matches_the_wcag_figures():
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("white"), QColor("#767676")) == pytest.approx(4.54, abs=0.01)


def _palette(colours: dict[Role, str], disabled: str) -> QPalette:
    p = QPalette()
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def _light() -> QPalette:
    return QApplication.style().standardPalette()


def _dark() -> QPalette:
    """A dark palette as a desktop gives it (Breeze Dark's colours)."""
    return _palette({
        Role.Window: "#202326", Role.WindowText: "#fcfcfc", Role.Base: "#141618",
        Role.AlternateBase: "#1d1f22", Role.Text: "#fcfcfc", Role.Button: "#292c30",
        Role.ButtonText: "#fcfcfc", Role.Highlight: "#3daee9", Role.HighlightedText: "#fcfcfc",
        Role.ToolTipBase: "#292c30", Role.ToolTipText: "#fcfcfc", Role.Light: "#40464c",
        Role.Midlight: "#33373c", Role.Mid: "#24272a", Role.Dark: "#141618",
        Role.Shadow: "#000000", Role.PlaceholderText: "#a1a9b1", Role.Link: "#1d99f3",
    }, "#6e7175")


def _high_contrast() -> QPalette:
    """Black, white and yellow, as a high-contrast theme gives them."""
    return _palette({
        Role.Window: "#000000", Role.WindowText: "#ffffff", Role.Base: "#000000",
        Role.AlternateBase: "#000000", Role.Text: "#ffffff", Role.Button: "#000000",
        Role.ButtonText: "#ffffff", Role.Highlight: "#ffff00", Role.HighlightedText: "#000000",
        Role.ToolTipBase: "#000000", Role.ToolTipText: "#ffff00", Role.Light: "#ffffff",
        Role.Midlight: "#ffffff", Role.Mid: "#ffffff", Role.Dark: "#ffffff",
        Role.Shadow: "#ffffff", Role.PlaceholderText: "#ffff00", Role.Link: "#ffff00",
    }, "#00ff00")


def _high_contrast_white() -> QPalette:
    """White paper, black ink (a 'high contrast white' theme)."""
    return _palette({
        Role.Window: "#ffffff", Role.WindowText: "#000000", Role.Base: "#ffffff",
        Role.AlternateBase: "#ffffff", Role.Text: "#000000", Role.Button: "#ffffff",
        Role.ButtonText: "#000000", Role.Highlight: "#37006e", Role.HighlightedText: "#ffffff",
        Role.Light: "#000000", Role.Mid: "#000000", Role.Dark: "#000000",
        Role.PlaceholderText: "#600000", Role.Link: "#00009f",
    }, "#600000")


PALETTES = {"light": _light, "dark": _dark, "high-contrast": _high_contrast,
            "high-contrast-white": _high_contrast_white}


def _apply(palette: QPalette) -> None:
    QApplication.setPalette(palette)
    QApplication.processEvents()  # palette changes reach widgets as posted events


@pytest.fixture
def make_window(qtbot, demo_register, tmp_path):
    def make() -> MainWindow:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        w = MainWindow(demo_register, today=TODAY, settings=settings)
        qtbot.addWidget(w)
        w.resize(1400, 860)
        w.show()
        return w

    yield make
    _apply(QPalette())


@pytest.fixture(params=list(PALETTES))
def palette_window(request, make_window):
    _apply(PALETTES[request.param]())
    return make_window()


# --- what is drawn where ----------------------------------------------------------------


def _pixel_beside(window: MainWindow, image: QImage, widget: QWidget) -> QColor:
    """The background a label is drawn on: the pixel just left of it, in the window."""
    at = widget.mapTo(window, QPoint(-2, widget.height() // 2))
    return image.pixelColor(at)


def _label_contrasts(window: MainWindow, labels: list[QLabel]) -> dict[str, float]:
    image = window.grab().toImage()
    return {f"{label.accessibleName() or label.text()[:30]}":
            contrast_ratio(label.palette().color(label.foregroundRole()),
                           _pixel_beside(window, image, label))
            for label in labels if label.isVisible()}


def _status_contrasts(window: MainWindow) -> dict[str, float]:
    """Each status as the register draws it, on plain and alternate rows."""
    view = window.register_view
    model = view.model
    palette = view.table.palette()
    first = model.summary(0)
    out = {}
    for status in STATUSES:
        model._rows[0] = replace(first, status=status)  # the colour depends on the status only
        colour = model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole)
        assert colour is not None, f"{status} is drawn in no colour of its own"
        out[status] = min(contrast_ratio(QColor(colour), palette.color(role))
                          for role in (Role.Base, Role.AlternateBase))
    model._rows[0] = first
    return out


def _badge_contrast(window: MainWindow, number: str) -> float:
    window.open_decision(number)
    QApplication.processEvents()
    badge = window.decision_view.status_badge
    image = badge.grab().toImage()
    fill = image.pixelColor(3, badge.height() // 2)
    return contrast_ratio(badge.palette().color(badge.foregroundRole()), fill)


def _overdue_contrasts(window: MainWindow) -> dict[str, float]:
    tree = window.today_view.tree
    palette = tree.palette()
    out = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            child = top.child(j)
            brush = child.data(3, Qt.ItemDataRole.ForegroundRole)
            if brush is not None:
                out[f"{child.text(1)} {child.text(3)}"] = min(
                    contrast_ratio(brush.color(), palette.color(role))
                    for role in (Role.Base, Role.AlternateBase))
    return out


def _unreadable(contrasts: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 2) for k, v in contrasts.items() if v < AA}


def test_status_colours_in_the_register_are_readable(palette_window):
    contrasts = _status_contrasts(palette_window)
    assert set(contrasts) == set(STATUSES)
    assert not _unreadable(contrasts)


def test_overdue_dates_on_today_are_readable(palette_window):
    contrasts = _overdue_contrasts(palette_window)
    assert len(contrasts) == 2  # 23/00091 and 23/00098: Forward Plan notice overdue
    assert not _unreadable(contrasts)


def test_status_badges_are_readable(palette_window):
    badges = {n: _badge_contrast(palette_window, n)
              for n in ("23/00098", "22/00097", "23/00078", "18/00030")}
    assert not _unreadable(badges)


def test_problems_and_messages_on_the_decision_screen_are_readable(palette_window):
    window = palette_window
    view = window.decision_view
    window.open_decision("23/00098")
    QApplication.processEvents()
    shown = [label for label in view.problem_labels.values() if label.isVisible()]
    assert shown and shown[0].text().startswith("Warning: Key decision")
    assert not _unreadable(_label_contrasts(window, shown))
    for severity in ("error", "warning", "info"):
        view.show_message(f"{severity.capitalize()}: a message to read.", severity)
        QApplication.processEvents()
        assert not _unreadable(_label_contrasts(window, [view.banner])), severity
    view.tabs.setCurrentIndex(2)  # Implications: the consultation date mismatch
    QApplication.processEvents()
    shown = [label for label in view.problem_labels.values() if label.isVisible()]
    assert shown
    for label in shown:
        view.tabs.currentWidget().ensureWidgetVisible(label)  # the tab scrolls
        QApplication.processEvents()
        assert not _unreadable(_label_contrasts(window, [label]))


def test_publication_deadline_and_refusals_on_meetings_are_readable(palette_window,
                                                                      demo_register):
    window = palette_window
    demo_register.store.db.execute("UPDATE meetings SET published_on = NULL")
    demo_register.store.db.conn.commit()
    view = window.meetings_view
    view.today_override = dt.date(2023, 11, 17)
    view.refresh()
    view.open_meeting(ASC, dt.date(2023, 11, 23))
    window.show_screen(3)
    QApplication.processEvents()
    assert "(overdue)" in view.publication.text()
    assert not view.publish(dt.date(2023, 11, 17))  # late, and no reason given
    QApplication.processEvents()
    assert not _unreadable(_label_contrasts(window, [view.publication, view.message]))
    view.late_reason.setText("Urgent grant deadline set by DHSC")
    assert view.publish(dt.date(2023, 11, 17))
    QApplication.processEvents()
    assert "late:" in view.publication.text()
    assert not _unreadable(_label_contrasts(window, [view.publication]))


def test_a_running_window_follows_a_change_to_a_dark_palette(make_window):
    _apply(_light())
    window = make_window()
    window.open_decision("23/00098")
    QApplication.processEvents()
    view = window.decision_view
    problem = view.problem_labels["notice"]
    before = (problem.palette().color(problem.foregroundRole()),
              window.register_view.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole))

    _apply(_dark())

    after = (problem.palette().color(problem.foregroundRole()),
             window.register_view.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole))
    assert before[0] != after[0] and QColor(before[1]) != QColor(after[1])
    assert not _unreadable(_label_contrasts(window, [problem]))
    assert not _unreadable(_status_contrasts(window))
    assert not _unreadable(_overdue_contrasts(window))
    assert _badge_contrast(window, "23/00098") >= AA

    # The screens list on the left turns dark too (it once kept the light palette).
    nav = window.nav.grab().toImage()
    assert nav.pixelColor(nav.width() // 2, nav.height() - 20) == \
        _dark().color(QPalette.ColorRole.Base)

    _apply(_light())
    assert problem.palette().color(problem.foregroundRole()) == before[0]
    nav = window.nav.grab().toImage()
    assert nav.pixelColor(nav.width() // 2, nav.height() - 20) == \
        _light().color(QPalette.ColorRole.Base)


# --- names a screen reader can say --------------------------------------------------------

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit,
            QPlainTextEdit, QSpinBox, QDateEdit, QCheckBox, QTabBar)


def _is_part_of_another_control(widget: QWidget) -> bool:
    """A table's header (Qt gives its sections to the table as column-header cells) and
    the line edit inside a spin box, date edit or combo box (the control is named)."""
    parent = widget.parentWidget()
    return (isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView)
            or isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox,
                                                                    QComboBox)))


def _unnamed(window: MainWindow, where: str) -> list[str]:
    """Visible controls without a name. A combo box's accessible name on Linux is its
    current value, which says nothing about what it chooses: it needs an accessible name
    of its own or a label (a buddy, which Qt gives as its Label relation)."""
    missing = []
    for widget in window.findChildren(QWidget):
        if (not isinstance(widget, CONTROLS) or not widget.isVisible()
                or widget.window() is not window or _is_part_of_another_control(widget)):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        labels = [r for r in face.relations() if r[1] & QAccessible.RelationFlag.Label]
        if isinstance(widget, QComboBox):
            named = bool(widget.accessibleName().strip() or labels)
        else:
            named = bool(face.text(QAccessible.Text.Name).strip())
        if not named:
            missing.append(f"{where}: {type(widget).__name__} in"
                           f" {type(widget.parentWidget()).__name__}")
    return missing


def test_every_control_on_every_screen_has_a_name(make_window, demo_register):
    window = make_window()
    demo_register.store.db.execute("UPDATE meetings SET published_on = NULL")
    demo_register.store.db.conn.commit()
    window.meetings_view.today_override = dt.date(2023, 11, 17)  # late: the reason field
    window.meetings_view.refresh()
    missing = []
    for index, screen in enumerate(("Today", "Register")):
        window.show_screen(index)
        missing += _unnamed(window, screen)
    window.open_decision("23/00098")
    tabs = window.decision_view.tabs
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        missing += _unnamed(window, f"Decision, {tabs.tabText(tab).replace('&', '')}")
    window.meetings_view.open_meeting(ASC, dt.date(2023, 11, 23))
    window.show_screen(3)
    assert window.meetings_view.late_reason.isVisible()
    missing += _unnamed(window, "Meetings")
    window.show_screen(4)
    for kind in range(window.documents_view.kind.count()):
        window.documents_view.kind.setCurrentIndex(kind)
        missing += _unnamed(window, f"Documents, {window.documents_view.kind.currentText()}")
    assert not missing


def test_document_choices_are_labelled_for_a_screen_reader(make_window):
    """Each of the Documents screen's choices is labelled by a visible label."""
    view = make_window().documents_view
    for combo, label in ((view.kind, "Document:"), (view.meeting, "Meeting:"),
                         (view.format, "Format:")):
        face = QAccessible.queryAccessibleInterface(combo)
        names = [r[0].text(QAccessible.Text.Name) for r in face.relations()
                 if r[1] & QAccessible.RelationFlag.Label]
        assert names == [label]
