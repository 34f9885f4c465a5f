"""The ExecVision guide keeps the source's two cases apart and says so on every page.

The vendor's guide sends Five9 recordings to the recording subdirectory, named with six items, and a
homegrown or rarer dialer's files to the data subdirectory, named yyyyMMdd-hhmmss_uid.ext. A page that
gave both to everyone would hand a Five9 admin two folders and two naming rules that exclude each other.
"""

from __future__ import annotations

import os
import re
import typing
from pathlib import Path

import pytest

from wizard.guides.loader import load_guide
from wizard.providers.execvision.rules import RuleConfig

REPO = Path(__file__).resolve().parents[2]
SEED = "002_820b6c1a0515f843.txt"
GUIDE = load_guide("execvision")
#: The source's two cases and the pages of each (the first page, how recordings reach ExecVision, is both cases').
CASE_PAGES = {"five9": ("sftp-push", "sftp-pull", "salesforce-link"),
              "homegrown": ("upload-folder", "recording-names", "metadata-files", "metadata-updates")}
SAYS_CASE = {"five9": ("Five9: ", "For Five9 only."), "homegrown": ("Homegrown: ", "For homegrown or rarer dialers and CRMs only")}


@pytest.fixture(scope="module")
def seed() -> str:
    for folder in (os.environ.get("ECI_WIZARD_SEEDS"), REPO.parent / "shared" / "seeds", REPO / "tests" / "data" / "seeds"):
        if folder and (Path(folder) / SEED).is_file():
            return (Path(folder) / SEED).read_text(encoding="utf-8")
    pytest.skip("the ExecVision source guide was not found (set ECI_WIZARD_SEEDS to the seeds folder)")


def _text(page_id: str) -> str:
    page = GUIDE.page(page_id)
    return " ".join([page.title, page.summary, *page.instructions, *(c.value for c in page.copy_values),
                     *(s.label for s in page.settings), *(str(s.params) for s in page.settings)])


def test_every_page_after_the_first_says_which_case_it_is_for() -> None:
    assert [p.id for p in GUIDE.pages[1:]] == sorted(CASE_PAGES["five9"] + CASE_PAGES["homegrown"],
                                                      key=[p.id for p in GUIDE.pages].index)
    for case, pages in CASE_PAGES.items():
        title, summary = SAYS_CASE[case]
        for page_id in pages:
            page = GUIDE.page(page_id)
            assert page.title.startswith(title) and page.summary.startswith(summary), page_id


def test_no_page_gives_a_five9_admin_both_folders_or_both_naming_rules() -> None:
    for page in GUIDE.pages:
        text = _text(page.id)
        assert not ("data subdirectory" in text and "recording subdirectory" in text), page.id
        assert "apply whichever model you choose" not in text
    for page_id in CASE_PAGES["five9"]:
        assert "data subdirectory" not in _text(page_id) and "yyyyMMdd-hhmmss_uid" not in _text(page_id), page_id
    for page_id in CASE_PAGES["homegrown"]:
        assert "recording subdirectory" not in _text(page_id), page_id
    assert GUIDE.page("sftp-push").settings[2].params == {"subdirectory": "recording"}
    assert next(s for s in GUIDE.page("upload-folder").settings if s.id == "execvision.upload.data-subdirectory").params["subdirectory"] == "data"


def test_the_case_choice_is_the_one_the_delivery_check_takes() -> None:
    from wizard.providers.execvision import guide_results
    from wizard.providers.execvision.guide_results import HOMEGROWN_MAP, PULL, PUSH

    assert guide_results.CASE_PAGES == CASE_PAGES  # the pages the delivery check skips as "not your case"
    choice = GUIDE.page("choose-delivery").settings[0]
    assert choice.id == "execvision.dialer"
    assert choice.params["options"] == list(typing.get_args(typing.get_type_hints(RuleConfig)["source"]))
    every_setting = {s.id for _p, s in GUIDE.settings()}
    for mapping, pages in ((PUSH, CASE_PAGES["five9"]), (PULL, CASE_PAGES["five9"]), (HOMEGROWN_MAP, CASE_PAGES["homegrown"])):
        assert set(mapping) <= every_setting
        assert {p.id for p, s in GUIDE.settings() if s.id in mapping} <= set(pages)  # a case's rules land on its own pages


def test_the_five9_pages_carry_the_six_items_and_say_what_the_source_leaves_open() -> None:
    for page_id in ("sftp-push", "sftp-pull"):
        names = next(s for s in GUIDE.page(page_id).settings if s.id.endswith("file-names"))
        assert names.params["fields"] == ["Date/time of the call in a consistent time zone", "End user's unique identifier (user id)",
                                          "Direction of the call", "Five9 Session id", "File type", "ANI/DNIS phone number"]
        assert "gives no" in _text(page_id) and "layout" in _text(page_id) and "ExecVision" in _text(page_id)
    push = _text("sftp-push")
    assert "confirm the exact name with ExecVision" in push  # "the recording subdirectory": named only in passing
    assert "ask ExecVision whether that is enough" in push  # files vs file name: the push and pull sections differ
    assert "ask ExecVision whether any of them apply to your Five9 delivery" in push


def test_the_timestamp_ranges_of_the_source_are_carried_over(seed: str) -> None:
    for part in ("01 - 12", "01 - 31", "00 - 23", "00 - 59", "00 - 60"):
        assert part in seed
    text = _text("recording-names")
    for part in ("(01 to 12)", "(01 to 31)", "(00 to 23)", "(00 to 59)", "(00 to 60"):
        assert part in text, part
    names = next(s for s in GUIDE.page("recording-names").settings if s.id == "execvision.names.pattern")
    assert names.params["ranges"] == {"MM": "01-12", "dd": "01-31", "hh": "00-23", "mm": "00-59", "ss": "00-60"}


def test_the_edition_row_says_what_it_accepts(seed: str) -> None:
    assert "Enterprise edition of Salesforce" in seed
    edition = next(s for s in GUIDE.page("salesforce-link").settings if s.id == "execvision.salesforce.edition")
    assert edition.label != "Enterprise edition of Salesforce"
    accepted = [e.removesuffix(" Edition") for e in edition.params["editions"]]
    assert accepted == ["Enterprise", "Performance", "Unlimited"] and edition.params["addon_editions"] == []
    assert all(name in edition.label for name in accepted) and "or higher" in edition.label
    assert "ask ExecVision" in _text("salesforce-link")


def _words(text: str) -> list[str]:
    """Lower-case words with a plural "s" dropped, so "moves files into" and "move files into" read alike."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", ""))
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


#: Texts once written sentence by sentence after their source: (page, the words that find it, exact values it keeps).
REWORDED = [
    ("upload-folder", "seven days", ("seven days",)),
    ("choose-delivery", "AWS S3", ("SFTP", "AWS S3")),
    ("upload-folder", "30 minutes", ("within an hour", "30 minutes")),
    ("metadata-files", "5 to 10", ("5 to 10",)),
]


@pytest.mark.parametrize(("page_id", "marker", "values"), REWORDED)
def test_reworded_texts_keep_their_values_and_share_no_three_words_with_the_source(seed: str, page_id: str, marker: str,
                                                                                    values: tuple[str, ...]) -> None:
    """The purge after seven days, the ways in, the upload frequency and the field count, in the wizard's own words."""
    page = GUIDE.page(page_id)
    text = next(t for t in [page.summary, *page.instructions] if marker in t)
    assert all(v in text for v in values)
    shared = [" ".join(r) for r in _runs(_words(text), 3) if r in _runs(_words(seed), 3)]
    assert shared == [], f"{page_id}: say it in the wizard's own words: {shared}"
