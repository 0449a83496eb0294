"""A new council from nothing to a signed Record of Decision, in the real window, with a
screenshot of each step (``docs/screenshots/walkthrough-NN-*.png``, linked from the
README).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/walkthrough.py [--out FOLDER]

The window is opened on a new, empty register; the script then does what a clerk does,
through the window's own widgets and buttons: Set up your council… (the council, its
posts and holders, members, a committee, its membership and seats, a year's meetings),
a new decision filled in on the Decision screen, the decision put on the agenda with a
titled paper, the agenda published, the committee's outcome recorded, the record signed
with a certificate (a test certificate in the decision maker's name). "Today" is a week
after the committee met, so the outcome can be recorded; the agenda was published on the
last day the law allows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import meetings  # noqa: E402
from governance.calendar import agenda_publication_deadline  # noqa: E402
from governance.desk import meeting_changed  # noqa: E402
from governance.model import Delegation  # noqa: E402
from main import make_desk  # noqa: E402
from tests.certificates import self_signed_pkcs12  # noqa: E402
from tests.conftest import pdf_bytes  # noqa: E402
from ui.app import MainWindow  # noqa: E402
from ui.council_dialog import CouncilDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
COMMITTEE = "Highways and Transport Cabinet Committee"
CABINET_MEMBER = "Cabinet Member for Highways and Transport"
SIGNER = "Clair Dee"


class Walk:
    def __init__(self, app: QApplication, out: Path, folder: Path) -> None:
        self.app, self.out, self.folder = app, out, folder
        self.step = 0
        self.today = dt.date.today()
        self.meeting = self.today - dt.timedelta(days=7)
        path = folder / "wessex.sqlite"
        self.desk = make_desk(SqliteStore.open(path), path)
        settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(self.desk, today=self.today, settings=settings)
        self.window.resize(1400, 860)
        self.window.show()

    def wait(self, done: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        for _ in range(5):
            self.app.processEvents()
        self.step += 1
        path = self.out / f"walkthrough-{self.step:02d}-{name}.png"
        (widget or self.window).grab().save(str(path), "PNG", 0)
        print(path)

    @staticmethod
    def type(edit, text: str) -> None:
        edit.clear()
        edit.insert(text) if hasattr(edit, "insert") else edit.setPlainText(text)

    def said(self, label) -> None:
        print("   ", label.text().replace("\n", " "))

    # --- the steps -------------------------------------------------------------------------

    def set_up(self) -> None:
        self.shot("first-start")
        d = CouncilDialog(self.window.desk, self.window)
        d.changed.connect(self.window.apply_changes)
        d.resize(900, 640)
        d.show()
        self.type(d.council_name, "Wessex County Council")
        self.type(d.threshold, "500000")
        d.save_council_button.click()
        self.said(d.message)
        self.shot("council", d)
        d.show_tab("Posts")
        for title, holder, phone, email in (
                ("General Counsel", "Ann Lee", "01234 567890", "ann.lee@wessex.gov.uk"),
                ("Democratic Services Officer", "Bob Kay", "01234 567891",
                 "bob.kay@wessex.gov.uk"),
                (CABINET_MEMBER, SIGNER, "", ""),
                ("Corporate Director of Growth and Infrastructure", "Erin Fry",
                 "01234 567892", "erin.fry@wessex.gov.uk")):
            for edit, text in ((d.post_title, title), (d.post_holder, holder),
                               (d.post_phone, phone), (d.post_email, email)):
                self.type(edit, text)
            d.add_post_button.click()
            self.said(d.message)
        self.shot("posts", d)
        d.show_tab("Members")
        for name, party, honours in (("Mrs C Dee", "Conservative", ""),
                                     ("Mr G Hale", "Conservative", "MBE"),
                                     ("Ms J Ives", "Labour", ""),
                                     ("Mr K Lowe", "Liberal Democrat", "")):
            self.type(d.member_name, name)
            self.type(d.member_party, party)
            self.type(d.member_honours, honours)
            d.add_member_button.click()
            self.said(d.message)
        self.shot("members", d)
        d.show_tab("Committees")
        self.type(d.committee_name, COMMITTEE)
        d.committee_kind.setCurrentIndex(d.committee_kind.findData("cabinet_committee"))
        d.committee_seats.setValue(4)
        d.committee_clerk.setCurrentIndex(d.committee_clerk.findText("Bob Kay"))
        d.committee_officer.setCurrentIndex(d.committee_officer.findText("General Counsel"))
        d.new_committee_button.click()
        self.said(d.message)
        self.shot("committee", d)
        members = d.membership_dialog()
        assert members is not None
        members.show()
        for party, seats in (("Conservative", 2), ("Labour", 1), ("Liberal Democrat", 1)):
            members.add_group()  # a new row in the allocation table, typed into
            row = members.allocation.rowCount() - 1
            members.allocation.item(row, 0).setText(party)
            members.allocation.item(row, 1).setData(Qt.ItemDataRole.EditRole, seats)
        members.save_seats()
        for name, role in (("Mrs C Dee", "chairman"), ("Mr G Hale", "vice_chairman"),
                           ("Ms J Ives", "member"), ("Mr K Lowe", "member")):
            members.add_member(name, role)
        self.said(members.message)
        self.shot("membership", members)
        if members.changes:
            self.window.apply_changes(members.changes)
        members.close()
        d.show_tab("Meetings")
        d.reload()
        d.schedule_committee.setCurrentIndex(d.schedule_committee.findData(COMMITTEE))
        year = [self.meeting + dt.timedelta(weeks=n) for n in (0, 8, 16, 24)]
        d.schedule_dates.setPlainText("\n".join(day.isoformat() for day in year))
        self.type(d.schedule_time, "10:00")
        self.type(d.schedule_venue, "Council Chamber, County Hall")
        d.schedule_button.click()
        self.said(d.message)
        self.shot("schedule", d)
        d.close()

    def decision(self) -> str:
        window = self.window
        number = window.new_decision("Highways Asset Management Plan 2025-2030")
        assert number is not None
        window.open_decision(number)
        view = window.decision_view
        view.maker_edit.setText(CABINET_MEMBER)
        view.route_combo.setCurrentIndex(view.route_combo.findData("committee"))
        view.director_edit.setText("Erin Fry")
        view.add_part("APPROVE", "the Highways Asset Management Plan 2025-2030")
        view.add_part("DELEGATE", "authority to the Corporate Director of Growth and"
                      " Infrastructure to take relevant actions to implement the decision",
                      Delegation("Corporate Director of Growth and Infrastructure"))
        texts = {
            "reasons": "The plan sets how the county's roads are kept for five years.",
            "financial_implications": "Within the approved capital programme.",
            "legal_implications": "The council's duty under the Highways Act 1980 s41.",
            "equalities_implications": "An EqIA has been completed: no adverse impact.",
            "data_protection_implications": "A DPIA is not required.",
            "consultation": "To be considered by the Highways and Transport Cabinet"
                            f" Committee on {self.meeting.day} {self.meeting:%B %Y}.",
            "alternatives": "Keeping the 2019 plan was considered and rejected.",
            "interests_declared": "N/A"}
        for field, text in texts.items():
            view.text_edits[field].setPlainText(text)
        for key, status in (("eqia", "completed"), ("dpia", "not_required")):
            combo = view.assessment_widgets[key]["status"]
            combo.setCurrentIndex(combo.findData(status))
        view.key_check.setChecked(False)
        view.save()
        self.said(view.banner)
        view.tabs.setCurrentIndex(0)
        self.shot("decision")
        return number

    def agenda(self, number: str) -> None:
        window, view = self.window, self.window.meetings_view
        window.show_screen(3)
        view.open_meeting(COMMITTEE, self.meeting)
        view.add_item("", decision=number)
        self.said(view.message)
        item = next(str(i + 1) for i, it in enumerate(view.items) if it.decision == number)
        paper = self.folder / "Highways Asset Management Plan report.pdf"
        paper.write_bytes(pdf_bytes("Highways Asset Management Plan 2025-2030: report"))
        # A paper's title: the Meetings screen's Add paper… gives the file name; the
        # meeting attach command (and this use case) give it a title of its own.
        done = meetings.attach_papers(self.desk, COMMITTEE, self.meeting, item, [paper],
                                      title="Report of the Corporate Director")
        print("   ", done.message)
        window.apply_changes(meeting_changed(COMMITTEE, self.meeting))
        view.open_meeting(COMMITTEE, self.meeting)
        self.wait(lambda: not view.places_pending)
        self.shot("agenda")
        view.publish(agenda_publication_deadline(self.meeting))
        self.said(view.message)
        self.wait(lambda: not view.places_pending)
        self.shot("published")
        view.front_sheet_button.click()
        documents = window.documents_view
        self.wait(lambda: documents.job is None and documents.preview.page_count >= 2)
        for _ in range(5):
            self.app.processEvents()
        # The front sheet's first page is a title page: show the second, with the items.
        second = documents.preview.widget().findChildren(QLabel)[1]
        documents.preview.verticalScrollBar().setValue(second.y() - 12)
        self.shot("front-sheet")

    def outcome_and_signature(self, number: str) -> None:
        window = self.window
        window.open_decision(number)
        view = window.decision_view
        view.tabs.setCurrentIndex(4)
        view.outcome_committee.setCurrentText(COMMITTEE)
        view.outcome_date.set_value(self.meeting)
        view.outcome_combo.setCurrentIndex(view.outcome_combo.findData("endorsed"))
        view.record_consideration()
        self.said(view.banner)
        self.shot("outcome")
        view.tabs.setCurrentWidget(view.record_files)
        self_signed_pkcs12(self.folder / "clair.p12", "walkthrough", name=SIGNER,
                           organisation="Wessex County Council")
        # Signing asks first, saying what will happen; the clerk reads it and says Sign.
        question = view.record_files.sign_question()
        question.show()
        self.shot("sign-question", question)
        question.close()
        question.deleteLater()
        view.record_files.confirm_sign = lambda: True
        view.record_files.sign(self.folder / "clair.p12", "walkthrough",
                               self.folder / f"Record of Decision {number.replace('/', '-')}"
                               ".pdf")
        self.wait(lambda: view.record_files.job is None)
        self.said(view.record_files.message)
        self.shot("signed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    args.out.mkdir(parents=True, exist_ok=True)
    walk = Walk(app, args.out, Path(tempfile.mkdtemp()))
    walk.set_up()
    number = walk.decision()
    walk.agenda(number)
    walk.outcome_and_signature(number)
    walk.window.close()
    walk.desk.close()


if __name__ == "__main__":
    main()
