"""Step 1 of a graduation: which profile, what it holds, and whether it fits the window's guide.

The file is read with the command line's checks (every problem with its line and field), so a
file that is not a profile, or one cut off in transit, is refused in words before any org is read.
A profile of another guide than the window's switches nothing by itself: the step says which guide
it is for and offers the switch as a button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from wizard.ui.pages.base import Notice, button, label


class ProfileStep(QWidget):
    """A path field with "Choose…", what the chosen profile holds, and the guide switch if needed."""

    chosen = Signal(str)  # a path to read (Choose…: read it, even the same file again)
    entered = Signal(str)  # Enter in the path field: a path to read, unless it is the one already read
    switch_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = label("Choose the setup profile saved in the sandbox (Wizard → Save a setup profile… there). It holds "
                      "no secret; the values that must differ are asked for or read from this org.", parent=self)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Profile file")
        self.path.setPlaceholderText("The profile file (.yaml)")
        self.path.returnPressed.connect(lambda: self.entered.emit(self.path.text().strip()))
        self.browse = button("C&hoose…", "Choose the profile file", parent=self)
        self.browse.clicked.connect(self.ask_path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.about = label(selectable=True, parent=self)
        self.about.setAccessibleName("What the profile holds")
        self.guide_box = Notice(self)  # stands out: nothing goes on until the admin decides
        self.guide_note = self.guide_box.text
        self.guide_note.setAccessibleName("The profile's guide")
        self.switch = button("", "Switch the window to the profile's guide", parent=self)
        self.switch.clicked.connect(self.switch_requested.emit)
        switch_row = QHBoxLayout()
        switch_row.addWidget(self.switch)
        switch_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.about)
        layout.addSpacing(6)
        layout.addWidget(self.guide_box)
        layout.addLayout(switch_row)
        layout.addStretch(1)
        self.show_profile("", None)

    def ask_path(self) -> None:
        """The system's own open dialog, starting where the field points (or the home folder)."""
        start = self.path.text().strip()
        path, _ = QFileDialog.getOpenFileName(self, "Choose a setup profile", start,
                                              "Setup profile (*.yaml *.yml);;All files (*)")
        if path:
            self.path.setText(path)
            self.chosen.emit(path)

    def show_profile(self, about: str, mismatch: str | None, switch_to: str = "") -> None:
        """What the profile holds, and (when its guide is not the window's) why and the switch."""
        self.about.setText(about)
        self.about.setVisible(bool(about))
        self.guide_box.show_text(mismatch or "")
        self.switch.setText(f"&Switch the window to {switch_to}" if switch_to else "")
        self.switch.setVisible(bool(mismatch and switch_to))
