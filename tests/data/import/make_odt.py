"""Build small OpenDocument text (.odt) files for the import tests, with nothing but zipfile.

An .odt is a zip: ``mimetype`` first and stored uncompressed, a manifest, and ``content.xml``
holding the text. LibreOffice writes more (styles, settings, meta), none of which the
importer reads; this writes what a real file must have.

    python tests/data/import/make_odt.py   # writes P2_GMT20211119.odt here, to open and look at
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest {NS} manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

# A moderated usability session as a note-taker typed it: only the moderator is labelled,
# the participant's words are plain paragraphs, the script's task prompts are numbered and
# what the participant did is in brackets.
MODERATED = [
    ("p", "MODERATOR: Thanks for taking part today. I'll read each task out, then please "
          "think aloud as you go."),
    ("p", "Task 1: You've just signed up. Send your first invoice to a client called "
          "Oakfield."),
    ("p", "Okay. So I'd look for a big button that says new invoice, I suppose it's this one."),
    ("p", '(clicks "Create")'),
    ("p", "It wants a client first. That's a bit annoying but fine, I'll add Oakfield."),
    ("p", "MODERATOR: What did you expect to happen there?"),
    ("p", "I thought it would let me  type the client name straight into the invoice."),
    ("p", "Task 2: Now set a reminder for when the invoice is overdue."),
    ("p", "(scrolls through Settings for about twenty seconds) Is it under notifications? I "
          "can't see it."),
    ("p", "MODERATOR: Take your time."),
    ("p", "Found it, it's under the invoice itself. I would never have looked there."),
    ("p", "3. Finally, connect your bank account. [not attempted: the participant declined]"),
]


def paragraph_xml(style: str, text: str) -> str:
    """One paragraph: ``p`` (text), ``h1``/``h2`` (heading), ``li`` (a list item).

    Runs of spaces are written as ``<text:s text:c="n"/>`` the way LibreOffice does.
    """
    body = escape(text)
    while "  " in body:
        start = body.index("  ")
        end = start
        while end < len(body) and body[end] == " ":
            end += 1
        body = body[:start] + f' <text:s text:c="{end - start - 1}"/>' + body[end:]
    body = body.replace("\n", "<text:line-break/>")
    if style.startswith("h"):
        return f'<text:h text:outline-level="{style[1:]}">{body}</text:h>'
    if style == "li":
        return f"<text:list><text:list-item><text:p>{body}</text:p></text:list-item></text:list>"
    return f"<text:p>{body}</text:p>"


def write_odt(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} '
               'office:version="1.2"><office:body><office:text>'
               + "".join(paragraph_xml(s, t) for s, t in paragraphs)
               + "</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


if __name__ == "__main__":
    print(write_odt(Path(__file__).with_name("P2_GMT20211119.odt"), MODERATED))
