"""The guide file format, validated at load time.

A guide is data (design principle 1 in README): its pages in the source document's order, each with
our own instructions and the settings to check, every exact value copied from the vendor's guide.
Checks and fixes are referenced by registered name (see `wizard.checks.registry`), never by an
import path. Pages common to several guides live once under ``data/shared/`` and are pulled in
with ``use:``; their ``vars`` can be overridden per guide with ``with:``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wizard.guides.copy_fill import PLACEHOLDERS

#: The shapes of ids in guide files, with the words a broken file's message uses for each.
SETTING_ID = r"^[a-z0-9][a-z0-9_.-]*$"
PAGE_ID = r"^[a-z0-9][a-z0-9-]*$"
GUIDE_ID = r"^[a-z0-9-]+$"
ID_PATTERNS = {
    SETTING_ID: "an id of lowercase letters, digits, dots, underscores and dashes",
    PAGE_ID: "an id of lowercase letters, digits and dashes",
    GUIDE_ID: "an id of lowercase letters, digits and dashes",
}

Side = Literal["salesforce", "provider", "aws", "sftp"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceDocument(_Strict):
    """The vendor document a guide mirrors."""

    file: str = Field(description="File name under shared/seeds, e.g. 000_0905a9a90d8bac68.txt")
    title: str
    publisher: str
    date: str | None = None
    url: str | None = None


class ManualStep(_Strict):
    """A step no API can do or read: what the admin does, and how they know it worked."""

    do: str
    confirm: str


class CopyValue(_Strict):
    """A value the admin pastes somewhere else; shown with a copy button.

    ``value`` may contain ``{my_domain}``, ``{instance_url}``, ``{visualforce_origin}`` or
    ``{lightning_origin}``, filled from the connected org (`wizard.guides.copy_fill`).
    """

    label: str
    value: str

    @field_validator("value")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        """A misspelt placeholder would be pasted as it stands, so it is refused at load."""
        unknown = sorted(set(re.findall(r"(?<!\$)\{([a-z_]+)\}", value)) - set(PLACEHOLDERS))
        if unknown:
            raise ValueError(f"unknown placeholder(s) {', '.join('{' + n + '}' for n in unknown)}; "
                             f"the org fills in only {', '.join('{' + n + '}' for n in PLACEHOLDERS)}")
        return value


class SettingSpec(_Strict):
    """One setting of a page: either checked live (`check`) or confirmed by the admin (`manual`)."""

    id: str = Field(pattern=SETTING_ID)
    label: str = Field(description="The setting as the vendor's guide names it")
    check: str | None = Field(default=None, description="Registered check name")
    params: dict[str, Any] = Field(default_factory=dict)
    fix: str | None = Field(default=None, description="Registered fix name, if the wizard can apply it")
    manual: ManualStep | None = None
    optional: bool = False
    #: Where this one setting is changed, when that is not the page's own Setup page: a page that
    #: gathers settings from several places ("Before you start") must not send the admin to the
    #: Installed Packages page to switch ECI on.
    setup_page: str | None = Field(default=None, description="Relative Setup URL of this setting, when not the page's")
    #: The same for a provider's console: a page in one console can hold a setting changed in another
    #: (a CloudFront key on the Secrets Manager page), and its link must open that one.
    console_url: str | None = Field(default=None, description="Console page of this setting, when not the page's")

    @model_validator(mode="after")
    def _check_or_manual(self) -> SettingSpec:
        if (self.check is None) == (self.manual is None):
            raise ValueError(f"setting {self.id!r} needs exactly one of 'check' or 'manual'")
        return self


class PageSpec(_Strict):
    """One page of the wizard: one section of the source document."""

    id: str = Field(pattern=PAGE_ID)
    title: str
    source_section: str = Field(description="The heading of this section in the source document")
    side: Side = "salesforce"
    summary: str
    instructions: list[str] = Field(min_length=1, description="Numbered steps, in our own words")
    setup_page: str | None = Field(default=None, description="Relative Setup URL for 'Open in Salesforce'")
    console_url: str | None = Field(default=None, description="Provider console page, for provider-side pages")
    copy_values: list[CopyValue] = Field(default_factory=list)
    vars: dict[str, Any] = Field(default_factory=dict, description="Defaults for ${name} in params")
    settings: list[SettingSpec] = Field(default_factory=list)
    optional: bool = False


def console_for(page: PageSpec | None, setting: SettingSpec | None) -> str | None:
    """The console where `setting` is changed: its own when it names one, else its page's.

    The window's row link and the report's "What's left to do" both ask here, so they never
    send the admin to different consoles for the same setting.
    """
    own = setting.console_url if setting is not None else None
    return own or (page.console_url if page is not None else None)


class SharedPageRef(_Strict):
    """A reference to a shared page, with overrides of its vars."""

    use: str
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")
    title: str | None = None
    source_section: str | None = None
    without: list[str] = Field(
        default_factory=list,
        description="Ids of the shared page's settings this guide's source does not ask for",
    )


class GuideSpec(_Strict):
    """A whole guide as written in its data file (shared pages not yet resolved)."""

    id: str = Field(pattern=GUIDE_ID)
    title: str
    provider: str
    source: SourceDocument
    summary: str
    fits_when: str = Field(description="Which admins this guide is for (shown on the Welcome page)")
    minutes: int = Field(gt=0, description="About how long the whole guide takes")
    you_need: list[str] = Field(min_length=1)
    pages: list[PageSpec | SharedPageRef] = Field(min_length=1)


class Guide(_Strict):
    """A loaded guide: shared pages resolved, ${vars} substituted, ready for the engine."""

    id: str
    title: str
    provider: str
    source: SourceDocument
    summary: str
    fits_when: str
    minutes: int
    you_need: list[str]
    pages: list[PageSpec]

    def page(self, page_id: str) -> PageSpec:
        """One page by id (KeyError when absent)."""
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def settings(self) -> list[tuple[PageSpec, SettingSpec]]:
        """Every (page, setting) pair in guide order."""
        return [(page, setting) for page in self.pages for setting in page.settings]
