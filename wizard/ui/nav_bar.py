"""Back, Next and Cancel at the bottom, with a wizard's habits; Help for this page on the left."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from wizard.ui.pages.base import button, label


class NavBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.help = button("Help for this page", "Help: open the matching section of the source guide", link=True,
                           parent=self)
        self.help.setToolTip("F1")
        self.back = button("< &Back", "Back", parent=self)
        self.next = button("&Next >", "Next", primary=True, parent=self)
        self.next.setDefault(True)
        # Alt+L: Alt+C is the sign-in page's Connect (every Alt key shown in the window is there once).
        self.cancel = button("C&lose", "Close the wizard (it reopens where you left off)", parent=self)
        self.hint = label(muted=True, wrap=False, parent=self)
        self.hint.setAccessibleName("Why Next is not available")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.help)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addWidget(self.back)
        layout.addWidget(self.next)
        layout.addWidget(self.cancel)

    def set_state(self, *, can_back: bool, can_next: bool, next_text: str, hint: str) -> None:
        self.back.setEnabled(can_back)
        self.next.setEnabled(can_next)
        self.next.setText(next_text)
        self.next.setAccessibleName(next_text.replace("&", "").strip("<> "))
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
