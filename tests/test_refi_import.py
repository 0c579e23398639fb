"""REFI-QDA import: the real NVivo export, other tools' quirks, and hostile files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from synthesis.errors import RefiError
from synthesis.interop import refi_safety
from synthesis.interop.refi_import import parse_qdc, parse_qdpx

NVIVO = "refi-qda/projects/nvivo12-export.qdpx"
NS = 'xmlns="urn:QDA-XML:project:1.0"'
G = "0000000{}-0000-4000-8000-000000000000"  # G.format(1) ... G.format(9): fixed test GUIDs


def make_qdpx(path: Path, qde: str, sources: dict[str, bytes] | None = None,
              qde_name: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(qde_name, qde.encode("utf-8"))
        for name, data in (sources or {}).items():
            z.writestr(name, data)
    return path


def project(sources_xml: str, codes_xml: str | None = None, extra: str = "") -> str:
    codes_xml = codes_xml or (f'<Code guid="{G.format(1)}" name="Manual work" '
                              'isCodable="true" color="#FF8800"/>')
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project {NS} name="t">'
            f'<Users><User guid="{G.format(9)}" name="Ana"/></Users>'
            f"<CodeBook><Codes>{codes_xml}</Codes></CodeBook>{extra}"
            f"<Sources>{sources_xml}</Sources></Project>")


def text_source(selections: list[tuple[int, int]], path: str = "internal://s.txt",
                name: str = "Interview 1") -> str:
    sels = "".join(
        f'<PlainTextSelection guid="{i:08d}-1111-4000-8000-000000000000" '
        f'startPosition="{a}" endPosition="{b}"><Coding guid="{i:08d}-2222-4000-8000-'
        f'000000000000" creatingUser="{G.format(9)}"><CodeRef targetGUID="{G.format(1)}"/>'
        "</Coding></PlainTextSelection>" for i, (a, b) in enumerate(selections))
    return (f'<TextSource guid="{G.format(2)}" name="{name}" plainTextPath="{path}">'
            f"{sels}</TextSource>")


# -- the real NVivo 12 export ------------------------------------------------------------------
@pytest.fixture
def nvivo(fixtures):
    return parse_qdpx(fixtures / NVIVO)


def test_nvivo_export_gives_every_code_and_coding(nvivo):
    # Counted by hand in project.qde: 152 <Code>, 12 directly under <Codes>, 303 selections
    # each with one <Coding>, all 303 created by user 29518289... ("Gergo").
    assert len(nvivo.themes) == 152
    assert sum(t.parent_id is None for t in nvivo.themes) == 12
    assert len(nvivo.notes) == 303
    assert sum(len(n.theme_ids) for n in nvivo.notes) == 303
    assert {n.author for n in nvivo.notes} == {"Gergo"}
    assert nvivo.messages[0] == (
        "nvivo12-export.qdpx › project.qde: read 152 codes, 2 users, 2 text sources, 303 "
        "selections (303 codings) and 0 cases, written by NVivo for Windows 12.6.")
    assert [s.session_id for s in nvivo.sessions] == ["videos_selection", "videos_10_selected"]
    assert {n.session_id for n in nvivo.notes} == {"videos_10_selected"}


def test_nvivo_hierarchy_and_ids_come_from_the_guids(nvivo):
    by_name = {t.name: t for t in nvivo.themes}
    parent = by_name["1. Oltás típusa"]
    assert parent.theme_id == "t-5067d381-1dc9-4816-81dd-ae1dbfea2ad7"
    assert parent.description == "COVID vay nem COVID"
    assert {t.name for t in nvivo.themes if t.parent_id == parent.theme_id} == {
        "COVID", "Nem COVID"}
    # Parents always come before their children, so the store can write them in order.
    seen = set()
    for t in nvivo.themes:
        assert t.parent_id is None or t.parent_id in seen
        seen.add(t.theme_id)


def test_nvivo_positions_are_utf16_units_and_land_on_whole_comments(nvivo):
    # Selection 1 is startPosition=3137 endPosition=3284 (147 units); in the .txt that is the
    # whole comment line "Senkit nem lehet ... élhet." only when counting UTF-16 units with
    # CRLF as two (the text before it holds emoji, which NVivo counts twice).
    first = nvivo.notes[0]
    assert first.note_id == "n-7154a758-6873-4134-badd-ae1dc04d3086"
    assert first.text.startswith("Senkit nem lehet kötelezni oltásra")
    assert first.text.endswith("nem szaporodhat és nem élhet.")
    assert len(first.text) == 147
    session = next(s for s in nvivo.sessions if s.session_id == first.session_id)
    utterance = session.utterances[first.utterance_index]
    assert (first.start_char, first.end_char) == (0, 147)
    assert utterance.text[first.start_char:first.end_char] == first.text
    assert first.source_ref == "videos_10_selected, positions 3137–3284"
    assert any("UTF-16 code units" in m and "CRLF line break counted as two" in m
               for m in nvivo.messages)
    # Every note that stays inside one line is an exact slice of its utterance.
    sessions = {s.session_id: s for s in nvivo.sessions}
    inside = [n for n in nvivo.notes if n.start_char is not None]
    assert len(inside) >= 290
    for n in inside:
        text = sessions[n.session_id].utterances[n.utterance_index].text
        assert text[n.start_char:n.end_char] == n.text


def test_reimporting_gives_the_same_ids(fixtures, nvivo):
    again = parse_qdpx(fixtures / NVIVO)
    assert [t.theme_id for t in again.themes] == [t.theme_id for t in nvivo.themes]
    assert [n.note_id for n in again.notes] == [n.note_id for n in nvivo.notes]


# -- quirks of other tools ---------------------------------------------------------------------
def test_project_file_with_another_name_is_read(fixtures, tmp_path):
    renamed = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(fixtures / NVIVO) as src, zipfile.ZipFile(renamed, "w") as dst:
        for info in src.infolist():
            name = "My Project.qde" if info.filename == "project.qde" else info.filename
            dst.writestr(name, src.read(info))
    bundle = parse_qdpx(renamed)
    assert (len(bundle.themes), len(bundle.notes)) == (152, 303)
    assert any("'My Project.qde'" in m for m in bundle.messages)


def test_codebook_with_empty_sets_is_read(tmp_path):
    qdc = tmp_path / "taguette.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" '
        f'origin="Taguette"><Codes><Code guid="{G.format(1)}" name="Trust" isCodable="true" '
        f'color="#1F77B4"><Description>Who they trust</Description><Code guid="{G.format(2)}" '
        f'name="Banks" isCodable="true" color="#abc"/></Code></Codes><Sets/></CodeBook>',
        encoding="utf-8")
    bundle = parse_qdc(qdc)
    assert bundle.kind == "qdc"
    trust, banks = bundle.themes
    assert (trust.theme_id, trust.name, trust.description, trust.colour) == (
        f"t-{G.format(1)}", "Trust", "Who they trust", "#1f77b4")
    assert (banks.parent_id, banks.colour) == (trust.theme_id, "#aabbcc")
    assert any("empty <Sets/>" in m for m in bundle.messages)


TEXT = "Ana: Hi 👋 how do you invoice?\r\nBo: By hand 🧾, every Friday.\r\n"


@pytest.mark.parametrize("text, ranges, reading", [
    # Worked out by hand from TEXT: 👋 and 🧾 are 1 code point, 2 UTF-16 units, 4 UTF-8
    # bytes; CRLF is 2 (or 1 when a tool read the file with universal newlines).
    (TEXT, [(11, 30), (48, 60)], "UTF-16 code units, a CRLF line break counted as two"),
    (TEXT, [(10, 29), (45, 57)], "characters, a CRLF line break counted as one"),
    (TEXT, [(13, 32), (52, 64)], "UTF-8 bytes, a CRLF line break counted as two"),
    # A file saved with LF by a tool that counted as if it had CRLF.
    (TEXT.replace("\r\n", "\n"), [(11, 30), (48, 60)],
     "UTF-16 code units, a line break counted as two (CRLF)"),
])
def test_positions_counted_any_way_are_detected(tmp_path, text, ranges, reading):
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source(ranges)),
                     {"Sources/s.txt": text.encode("utf-8")})
    bundle = parse_qdpx(path)
    assert [n.text for n in bundle.notes] == ["how do you invoice?", "every Friday"]
    assert any(f"read as {reading}," in m for m in bundle.messages), bundle.messages
    # The text looks like a transcript, so each line is an utterance of its speaker.
    (session,) = bundle.sessions
    assert [(u.speaker, u.text, u.role) for u in session.utterances] == [
        ("Ana", "Hi 👋 how do you invoice?", "interviewer"),
        ("Bo", "By hand 🧾, every Friday.", "participant")]
    assert [(n.utterance_index, n.start_char, n.end_char) for n in bundle.notes] == [
        (0, 5, 24), (1, 11, 23)]
    assert [n.theme_ids for n in bundle.notes] == [(f"t-{G.format(1)}",)] * 2
    assert {n.author for n in bundle.notes} == {"Ana"}


def test_cases_variables_and_rounds_become_participants(tmp_path):
    extra = (f'<Variables><Variable guid="{G.format(5)}" name="segment" typeOfVariable="Text"/>'
             f'<Variable guid="{G.format(6)}" name="invoices" typeOfVariable="Integer"/>'
             f'</Variables><Cases><Case guid="{G.format(4)}" name="P07">'
             f'<VariableValue><VariableRef targetGUID="{G.format(5)}"/><TextValue>SMB</TextValue>'
             f'</VariableValue><VariableValue><VariableRef targetGUID="{G.format(6)}"/>'
             f'<IntegerValue>40</IntegerValue></VariableValue>'
             f'<SourceRef targetGUID="{G.format(2)}"/></Case></Cases>')
    sets = (f'<Sets><Set guid="{G.format(7)}" name="Round r2"><Description>round_id: r2'
            f'</Description><MemberSource targetGUID="{G.format(2)}"/></Set></Sets>')
    qde = project(text_source([(10, 29)]), extra=extra).replace("</Project>",
                                                                 sets + "</Project>")
    path = make_qdpx(tmp_path / "p.qdpx", qde, {"Sources/s.txt": TEXT.encode("utf-8")})
    bundle = parse_qdpx(path)
    (person,) = bundle.participants
    assert (person.participant_id, person.round_id, person.attributes) == (
        "P07", "r2", {"segment": "SMB", "invoices": 40})
    assert (bundle.sessions[0].participant_id, bundle.sessions[0].round_id) == ("P07", "r2")
    assert (bundle.notes[0].participant_id, bundle.notes[0].round_id) == ("P07", "r2")


def test_source_with_only_a_docx_is_read_from_its_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Ana: How do you invoice?")
    document.add_paragraph("Bo: By hand.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = text_source([(29, 36)]).replace('plainTextPath="internal://s.txt"',
                                             'richTextPath="internal://s.docx"')
    path = make_qdpx(tmp_path / "p.qdpx", project(source), {"Sources/s.docx": buffer.getvalue()})
    bundle = parse_qdpx(path)
    assert bundle.notes[0].text == "By hand"
    assert any("only a rich-text version" in m for m in bundle.messages)


# -- hostile and broken files: one sentence, nothing written -------------------------------------
def _raw_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)  # a ZipInfo keeps a name zipfile would clean up
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


@pytest.mark.parametrize("entry, words", [
    ("../../evil.txt", "path traversal"),
    ("Sources/../../evil.txt", "path traversal"),
    ("/tmp/evil.txt", "absolute path"),
    ("C:/Windows/evil.txt", "absolute path"),
])
def test_entries_escaping_the_archive_are_refused(tmp_path, entry, words):
    inner = tmp_path / "inner"
    inner.mkdir()
    path = _raw_zip(inner / "evil.qdpx", {"project.qde": project("").encode(),
                                          entry: b"pwned"})
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(RefiError, match=words) as err:
        parse_qdpx(path)
    assert str(err.value).count(". ") == 0  # one sentence
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "evil.txt").exists()


def test_a_highly_compressed_entry_is_refused_as_a_zip_bomb(tmp_path):
    # 50 MB of zeros deflate to about 50 KB: a thousand-fold, far past any real text.
    path = _raw_zip(tmp_path / "bomb.qdpx", {"project.qde": project("").encode(),
                                             "Sources/a.txt": bytes(50 * 1024 * 1024)})
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(RefiError, match="zip bomb"):
        parse_qdpx(path)


def test_an_archive_over_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(refi_safety, "MAX_TOTAL_BYTES", 150_000)
    path = _raw_zip(tmp_path / "big.qdpx", {"project.qde": project("").encode(),
                                            "Sources/a.txt": b"x" * 100_000,
                                            "Sources/b.txt": b"y" * 100_000})
    with pytest.raises(RefiError, match="more than 146 KB; refused as a possible zip bomb"):
        parse_qdpx(path)


def test_reading_stops_once_the_limit_is_passed(tmp_path, monkeypatch):
    import random

    # Incompressible bytes, so the ratio check passes and only the running count can stop it.
    path = _raw_zip(tmp_path / "p.qdpx", {"a.txt": random.Random(7).randbytes(3 * 1024 * 1024)})
    archive = refi_safety.SafeZip(path)
    # The declared sizes passed; now the bytes read are what counts.
    monkeypatch.setattr(refi_safety, "MAX_TOTAL_BYTES", 2 * 1024 * 1024)
    with pytest.raises(RefiError, match="zip bomb"):
        archive.read("a.txt")
    archive.close()


def test_an_entry_whose_declared_size_lies_is_refused(tmp_path):
    path = _raw_zip(tmp_path / "liar.qdpx", {"project.qde": project("").encode()})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")  # claims 10 bytes unpacked
    path.write_bytes(bytes(data))
    with pytest.raises(RefiError, match="damaged"):
        parse_qdpx(path)


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
          '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
          f'<Code guid="{G.format(1)}" name="&lol3;" isCodable="true"/></Codes></CodeBook>')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
       f'<Code guid="{G.format(1)}" name="&xxe;" isCodable="true"/></Codes></CodeBook>')


@pytest.mark.parametrize("xml", [LAUGHS, XXE], ids=["entity-expansion", "external-entity"])
def test_codebooks_with_a_doctype_are_refused(tmp_path, xml):
    path = tmp_path / "evil.qdc"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(RefiError, match="DOCTYPE") as err:
        parse_qdc(path)
    assert "root:" not in str(err.value)


def test_a_doctype_hidden_behind_a_long_comment_is_still_refused(tmp_path):
    path = tmp_path / "evil.qdc"
    path.write_text(XXE.replace("<!DOCTYPE", f"<!-- {'x' * 70_000} -->\n<!DOCTYPE"),
                    encoding="utf-8")
    with pytest.raises(RefiError, match="DOCTYPE"):
        parse_qdc(path)


def test_a_project_with_an_external_entity_is_refused(tmp_path):
    qde = XXE.replace("CodeBook", "Project").replace("codebook", "project")
    path = make_qdpx(tmp_path / "evil.qdpx", qde)
    with pytest.raises(RefiError, match=r"evil.qdpx › project.qde: declares a DOCTYPE"):
        parse_qdpx(path)


def test_invalid_xml_names_the_line(tmp_path):
    path = tmp_path / "broken.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n'
                    f'<Code guid="{G.format(1)}" name="a" isCodable="true">\n</Codes>\n'
                    "</CodeBook>\n", encoding="utf-8")
    with pytest.raises(RefiError, match=r"broken.qdc, line 4: is not well-formed XML"):
        parse_qdc(path)


def test_a_codebook_with_duplicate_guids_is_refused(tmp_path):
    path = tmp_path / "dup.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    f'<Code guid="{G.format(1)}" name="Trust" isCodable="true"/>\n'
                    f'<Code guid="{{{G.format(1).upper()}}}" name="Price" isCodable="true"/>'
                    "</Codes></CodeBook>", encoding="utf-8")
    with pytest.raises(RefiError, match=r"dup.qdc, line 2: GUID 00000001-.* is used twice "
                                        r"\(by <Code name='Trust'> and <Code name='Price'>\)"):
        parse_qdc(path)


def test_a_missing_source_file_is_refused(tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source([(0, 3)])))
    with pytest.raises(RefiError, match=r"names Sources/s.txt, which is not in the archive"):
        parse_qdpx(path)


@pytest.mark.parametrize("ref", ["absolute://C:/secrets.txt", "relative://../secrets.txt",
                                 "internal://../../secrets.txt", "file:///etc/passwd"])
def test_sources_outside_the_archive_are_never_read(tmp_path, ref):
    (tmp_path / "secrets.txt").write_text("secret")
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source([(0, 3)], path=ref)))
    with pytest.raises(RefiError, match=r"outside the project|climbs out of the archive"):
        parse_qdpx(path)


def test_negative_positions_are_refused(tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source([(-4, 3)])),
                     {"Sources/s.txt": TEXT.encode("utf-8")})
    with pytest.raises(RefiError, match=r"project.qde, line 2: a PlainTextSelection needs"):
        parse_qdpx(path)


def test_selections_beyond_the_text_are_refused(tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source([(5, 500)])),
                     {"Sources/s.txt": TEXT.encode("utf-8")})
    with pytest.raises(RefiError, match="lies outside the 59-character text"):
        parse_qdpx(path)


def test_codings_of_unknown_codes_are_refused(tmp_path):
    other = f'<Code guid="{G.format(3)}" name="Other" isCodable="true"/>'
    path = make_qdpx(tmp_path / "p.qdpx", project(text_source([(10, 29)]), codes_xml=other),
                     {"Sources/s.txt": TEXT.encode("utf-8")})
    with pytest.raises(RefiError, match="not in the codebook"):
        parse_qdpx(path)


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.qdpx"
    path.write_text("hello")
    with pytest.raises(RefiError, match=r"fake.qdpx: is not a readable zip archive"):
        parse_qdpx(path)


def test_a_refused_file_leaves_the_study_untouched(tmp_path):
    from synthesis import init_study
    from synthesis.interop.study_io import import_refi

    study = init_study(tmp_path / "study", name="S")
    evil = _raw_zip(tmp_path / "evil.qdpx", {"project.qde": project("").encode(),
                                             "../evil.txt": b"x"})
    files_before = sorted(str(p) for p in (tmp_path / "study").rglob("*")
                          if "study.db" not in p.name)
    events_before = study.last_event()
    with pytest.raises(RefiError):
        import_refi(study, evil)
    assert study.last_event() == events_before
    assert len(study.themes()) == len(study.notes()) == 0
    assert sorted(str(p) for p in (tmp_path / "study").rglob("*")
                  if "study.db" not in p.name) == files_before
    assert not (tmp_path / "evil.txt").exists()
