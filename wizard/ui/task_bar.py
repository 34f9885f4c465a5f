"""The strip that shows what is running: what, for how long, and a Cancel that always works.

Progress is honest: the bar runs without a percentage (a verification is a few batched
requests, not a countable sequence) beside the elapsed seconds and the task's own words.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from wizard.ui.tasks import TaskRunner


class TaskBar(QFrame):
    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TaskBar")
        self.tasks = tasks
        self.label = QLabel(self)
        self.label.setAccessibleName("What is running")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(160)
        self.bar.setAccessibleName("Working")
        self.cancel_button = QPushButton("Cancel check", self)
        self.cancel_button.setAccessibleName("Cancel what is running")
        self.cancel_button.setToolTip("Stop waiting (Esc). The results from the last complete check stay on screen.")
        self.cancel_button.clicked.connect(lambda: self.tasks.cancel())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button)
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self.refresh)
        tasks.changed.connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        active = self.tasks.active()
        if not active:
            self._ticker.stop()
            self.hide()
            return
        task = active[-1]
        others = len(active) - 1
        more = f" · {others} more task{'s' if others > 1 else ''} running" if others else ""
        progress = f" {task.progress}" if task.progress else ""
        self.label.setText(f"{task.label}{progress} · {task.elapsed:.0f} s{more}")
        # The others by name, for whoever wonders what else is under way.
        self.label.setToolTip("\n".join(t.label for t in reversed(active)) if others else "")
        self.cancel_button.setVisible(any(t.cancellable for t in active))
        self.cancel_button.setText("Cancel check" if task.key == "check" else "Cancel")
        if not self._ticker.isActive():
            self._ticker.start()
        self.show()
