"""Which participant attributes are private, and that every consumer asks the same rule.

The column lists below were labelled by hand from recruiters' exports (English, German,
French, Spanish headers) before the rule was written. The last tests import a real
participants spreadsheet with First name, Last name, Work email, Mobile phone and LinkedIn
profile columns and read what a stakeholder report, a spreadsheet export and the board show.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest

from synthesis import init_study, open_study
from synthesis.privacy import (fold, is_private, name_columns, participant_names,
                               private_values, public_attributes, shareable)

sys.path.insert(0, str(Path(__file__).parent))

PRIVATE = ["name", "Name", "first_name", "First name", "firstName", "Last name", "LAST-NAME",
           "Surname", "Full name", "Participant name", "Contact name", "Nickname", "Username",
           "Initials", "email", "E-mail", "Work email", "workEmail", "Email address", "Phone",
           "Mobile phone", "Mobile", "Cell", "Contact number", "Telephone", "Tel.",
           "homePhone", "WhatsApp", "LinkedIn profile", "LinkedIn URL", "linkedin", "Twitter",
           "X handle", "GitHub", "Website", "Personal website", "Profile", "URL", "Address",
           "Street", "Post code", "ZIP", "Date of birth", "DOB", "IP address", "created_from",
           "Vorname", "Nachname", "Telefon", "Handy", "E-Mail-Adresse", "Prénom", "Nom",
           "Téléphone", "Courriel", "Adresse", "Nombre", "Apellido", "Teléfono", "Correo"]
PUBLIC = ["segment", "Segment", "role", "Job title", "plan", "Plan name", "region", "country",
          "City", "company_size", "Company name", "Team name", "Product name", "industry",
          "tenure_months", "Signup date", "First contact date", "Contact preference",
          "Mobile app user", "Smartphone", "device", "age_band", "language", "Seats", "MRR",
          "Accounting software", "Bank"]


@pytest.mark.parametrize("column", PRIVATE)
def test_names_contacts_and_profiles_are_private(column):
    assert is_private(column)


@pytest.mark.parametrize("column", PUBLIC)
def test_ordinary_attributes_are_not(column):
    assert not is_private(column)


def test_fold_strips_accents_and_case():
    assert [fold(w) for w in ("Siobhán", "MÜLLER", "Łukasz", "Søren", "Straße")] == \
        ["siobhan", "muller", "lukasz", "soren", "strasse"]


def test_names_are_read_from_a_name_column_and_from_first_and_last_name_columns():
    people = pd.DataFrame({"participant_id": ["P01", "P02", "P03"],
                           "name": ["Amber Cole", None, None],
                           "First name": [None, "Lena", "Kofi"],
                           "Last name": [None, "Hoffmann", None],
                           "Company name": ["Acme", "Globex", "Initech"]})
    assert name_columns(people.columns) == ["name", "First name", "Last name"]
    assert participant_names(people) == {"P01": ["Amber Cole"],
                                         "P02": ["Lena Hoffmann", "Lena", "Hoffmann"],
                                         "P03": ["Kofi"]}


def test_private_values_are_the_contact_details_not_the_names():
    people = pd.DataFrame({"participant_id": ["P01", "P02"], "name": ["Ana Lima", "Bo"],
                           "Mobile": ["+49 171 2345678", None], "Twitter": ["@ana_l", "@bo"],
                           "segment": ["smb", "smb"]})
    # "@bo" is under four characters: too short to remove everywhere it appears.
    assert private_values(people) == ["+49 171 2345678", "@ana_l"]


def test_shareable_and_public_attributes():
    people = pd.DataFrame(columns=["participant_id", "round_id", "name", "Work email",
                                   "segment", "LinkedIn profile", "role"])
    assert shareable(people).columns.tolist() == ["participant_id", "round_id", "segment",
                                                  "role"]
    assert public_attributes(people.columns) == ["segment", "role"]


# -- every consumer, on a real participants spreadsheet -------------------------------------------
FIRST = ["Lena", "Siobhán", "Rafael", "Kofi", "Ayşe", "Mateusz", "Chiara", "Pieter", "Hiroshi",
         "Amara", "Søren", "Inês", "Dmitri", "Fatima", "Joaquín", "Nora"]
LAST = ["Hoffmann", "Kelly", "Ortiz", "Mensah", "Yılmaz", "Kowalczyk", "Bianchi", "de Vries",
        "Tanaka", "Okafor", "Lindqvist", "Carvalho", "Volkov", "Haddad", "Ríos", "Berg"]


def _write_participants(path: Path) -> list[str]:
    """16 participants x 5 private columns = 80 private values; returns them."""
    private: list[str] = []
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Participant", "First name", "Last name", "Work email", "Mobile phone",
                    "LinkedIn profile", "Segment", "Role", "Round"])
        for i, (first, last) in enumerate(zip(FIRST, LAST), start=1):
            slug = fold(f"{first}{last}").replace(" ", "")
            row = [first, last, f"{slug}@example-firm.com", f"+49 171 {5550100 + i}",
                   f"https://www.linkedin.com/in/{slug}-{i}"]
            private += row
            w.writerow([f"P{i:02d}", *row, "Freelancer" if i % 2 else "Agency",
                        "Owner", "r1"])
    return private


@pytest.fixture(scope="module")
def recruited(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    study = init_study(root / "study", name="Privacy check")
    (study.folder / "study.toml").write_text(
        'name = "Privacy check"\n\n[[rounds]]\nid = "r1"\nname = "Round 1"\n',
        encoding="utf-8")
    study.close()
    study = open_study(root / "study")
    private = _write_participants(root / "participants.csv")
    study.import_file(root / "participants.csv", kind="participants")
    yield study, private, root
    study.close()


def test_the_importer_keeps_them_as_attributes_the_rule_calls_private(recruited):
    study, _, _ = recruited
    people = study.participants()
    assert {"first_name", "last_name", "work_email", "mobile_phone",
            "linkedin_profile"} <= set(people.columns)
    assert public_attributes(people.columns) == ["segment", "role"]


def test_the_methods_appendix_shows_none_of_the_80_private_values(recruited):
    from synthesis.report.context import load_context
    from synthesis.report.methodology import participants_table

    study, private, _ = recruited
    assert len(private) == 80
    html = str(participants_table(load_context(study, "r1")))
    shown = [v for v in private if v in html or v.split("//")[-1] in html]
    assert shown == []
    assert html.count("Freelancer") == 8 and html.count("Agency") == 8  # public ones stay
    internal = str(participants_table(load_context(study, "r1", redact=False)))
    assert "Siobhán" in internal and "kofimensah@example-firm.com" in internal


def test_a_quote_repeating_a_private_value_is_redacted(recruited):
    from synthesis.report.context import load_context

    study, _, _ = recruited
    ctx = load_context(study, "r1")
    text = ctx.redactor.text("Ping Siobhán on +49 171 5550102 or linkedin.com/in/siobhankelly-2")
    assert "Siobhán" not in text and "5550102" not in text and "siobhankelly" not in text


def test_exports_leave_private_columns_out(recruited):
    from synthesis.interop.study_io import export_study

    study, private, root = recruited
    path = export_study(study, "csv", root / "notes.csv")
    # No notes yet: the header row alone says which participant columns are exported.
    text = Path(path).read_text(encoding="utf-8-sig")
    assert not any(v in text for v in private)


def test_the_board_offers_only_public_attributes(recruited):
    from synthesis.board.state import board_state

    study, private, _ = recruited
    state = board_state(study.notes(round="r1"), study.participants(round="r1"),
                        study.themes(), study.sessions(round="r1"), round="r1")
    assert state["meta"]["attributes"] == ["role", "segment"]
    people = str(state["people"])
    assert not any(v in people for v in private)
