"""A PDF shown inside the app: pages rendered with PDFium (pypdfium2), one under another.

Pages are rendered on the GUI thread one per event-loop turn, so the window stays
responsive; PDFium crashed the interpreter here when driven from a worker thread while
Qt's event loop ran."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

MAX_PAGES = 60


class PdfPreview(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Document preview")
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.page_count = 0
        self.note = QLabel()

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.page_count = 0

    def load(self, pdf: bytes, scale: float = 1.0, max_pages: int = MAX_PAGES) -> int:
        """Show ``pdf``: returns its page count; the pages appear one by one."""
        import pypdfium2 as pdfium

        self.clear()
        self._generation = getattr(self, "_generation", 0) + 1
        document = pdfium.PdfDocument(pdf)
        total = len(document)
        generation = self._generation

        def next_page(index: int = 0) -> None:
            if generation != self._generation:
                document.close()
                return
            if index >= min(total, max_pages):
                if total > max_pages:
                    self._layout.addWidget(QLabel(
                        f"… {total - max_pages} more pages: open the file to see them all."))
                document.close()
                return
            page = document[index]
            pil = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
            image = QImage(pil.tobytes("raw", "RGB"), pil.width, pil.height, pil.width * 3,
                           QImage.Format.Format_RGB888).copy()
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {index + 1} of {total}")
            # The page is paper (white whatever the palette); its edge is drawn in the
            # palette's mid tone, and the page is never squeezed by the layout.
            label.setFrameShape(QFrame.Shape.Box)
            label.setForegroundRole(QPalette.ColorRole.Mid)
            label.setFixedSize(image.width() + 2, image.height() + 2)
            self._layout.addWidget(label)
            self.page_count = index + 1
            QTimer.singleShot(0, lambda: next_page(index + 1))

        next_page()
        return total
