"""Interview guide importer: sections, questions, key markers and follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.errors import InputError
from synthesis.ingest.guide import parse_guide

DATA = Path(__file__).parent / "data" / "tables"


def rows(path: Path) -> list[tuple[int, str, bool, int | None]]:
    return [(q.position, q.text, q.is_key, q.parent_position) for q in parse_guide(path).guide]


def test_markdown_guide_with_key_markers_and_follow_ups() -> None:
    assert rows(DATA / "guide.md") == [
        (1, "Tell me about your role.", False, None),
        (2, "How long have you been doing it?", False, 1),
        # "[key]" prefix; the indented line under the bullet continues it.
        (3, "Walk me through the last invoice you sent, from opening the app to hitting send.",
         True, None),
        (4, "What did you do just before that?", False, 3),
        (5, "Where did you get stuck?", True, 3),  # "(key)" suffix
        (6, "How do you decide what to charge?", True, None),  # "**Key:**"
        (7, "What would make you switch tools?", False, None),
        (8, "What would you miss?", True, 7),  # "KEY:" on a nested numbered item
    ]


def test_markdown_guide_messages() -> None:
    bundle = parse_guide(DATA / "guide.md")
    assert bundle.kind == "guide" and bundle.source == "guide.md"
    assert "read 8 question(s): 4 key, 4 follow-up(s)" in bundle.messages
    # The consent line under the title is not a bullet and asks nothing.
    assert any(m.startswith("treated 1 plain line(s)") for m in bundle.messages)


def test_plain_text_guide_one_question_per_line() -> None:
    assert rows(DATA / "guide_plain.txt") == [
        (1, "What tools do you use for invoicing today?", False, None),
        (2, "What was the hardest part of your first invoice?", True, None),
        (3, "Why was that hard?", False, 2),
        (4, "How did you learn the product?", False, None),
        (5, "Anything else we should have asked?", False, None),
    ]


def test_guide_without_key_question_is_accepted_with_a_message() -> None:
    bundle = parse_guide(DATA / "guide_no_key.md")
    assert [q.text for q in bundle.guide] == ["What do you do?", "Why?"]
    assert not any(q.is_key for q in bundle.guide)
    assert any(m.startswith("no key question is marked") for m in bundle.messages)


@pytest.mark.parametrize("marker, text", [
    ("[key] Why now?", "Why now?"),
    ("[KEY]Why now?", "Why now?"),
    ("(key) Why now?", "Why now?"),
    ("Why now? [key]", "Why now?"),
    ("**Key:** Why now?", "Why now?"),
    ("**Key**: Why now?", "Why now?"),
    ("KEY: Why now?", "Why now?"),
    ("Key:Why now?", "Why now?"),
])
def test_key_marker_spellings(tmp_path: Path, marker: str, text: str) -> None:
    path = tmp_path / "g.md"
    path.write_text(f"- Warm up?\n- {marker}\n", encoding="utf-8")
    assert rows(path) == [(1, "Warm up?", False, None), (2, text, True, None)]


def test_words_that_only_look_like_markers_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text("- Keyboard shortcuts: do you use them?\n- What is key for you?\n",
                    encoding="utf-8")
    assert rows(path) == [(1, "Keyboard shortcuts: do you use them?", False, None),
                          (2, "What is key for you?", False, None)]


def test_tabs_and_deeper_nesting(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text("* A?\n\t* B?\n\t\t* C?\n\t* D?\n* E?\n", encoding="utf-8")
    assert [(q.position, q.parent_position) for q in parse_guide(path).guide] == [
        (1, None), (2, 1), (3, 2), (4, 1), (5, None)]


def test_headings_rules_and_code_are_not_questions(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text("# Title\n---\n```\n- not a question?\n```\n## Part\n- Real?\n",
                    encoding="utf-8")
    assert rows(path) == [(1, "Real?", False, None)]


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_empty_guide(tmp_path: Path, content: str) -> None:
    path = tmp_path / "guide.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"^guide\.md: empty file"):
        parse_guide(path)


def test_guide_with_only_headings_has_no_question(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("# Guide\n\n## Warm-up\n\n## Pricing\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^guide\.md: has no questions"):
        parse_guide(path)


def test_cp1252_guide(tmp_path: Path) -> None:
    path = tmp_path / "guide.txt"
    path.write_bytes(b"What\x92s the first thing you do each morning?\r\n")
    assert rows(path) == [(1, "What\u2019s the first thing you do each morning?", False, None)]
