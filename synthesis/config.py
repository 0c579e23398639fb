"""The study file (``study.toml``): what a study is about, its rounds, guide and interviewers."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import StudyError
from .membership import provisional_threshold

STUDY_FILE = "study.toml"
DATABASE_FILE = "study.db"

_ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")

TEMPLATE = '''# The study file: edit freely; `synthesis status` reads it on every run.
name = {name}
research_question = {question}
interviewers = []            # interviewer names as they appear in transcripts
guide = "guide.md"           # the discussion guide: a question per bullet, "[key]" marks key ones
participants = "participants.csv"
redact_terms = []            # extra words reports replace with [redacted] (client names, places)

[[rounds]]
id = "r1"
name = "Round 1"
start = ""                   # YYYY-MM-DD
end = ""
'''


def load_config(folder: Path) -> dict[str, Any]:
    """Read and check ``folder/study.toml``.

    Examples
    --------
    >>> cfg = load_config(Path("data/invoicing-onboarding"))
    >>> [r["id"] for r in cfg["rounds"]]
    ['r1', 'r2', 'r3']
    """
    path = folder / STUDY_FILE
    if not path.is_file():
        raise StudyError(f"{folder}: not a study folder (expected a {STUDY_FILE} in it; "
                         f"create one with `synthesis init {folder}`).")
    try:
        cfg = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise StudyError(f"{path}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError:
        raise StudyError(f"{path}: expected UTF-8 text.") from None
    cfg.setdefault("name", folder.name)
    cfg.setdefault("research_question", "")
    cfg.setdefault("interviewers", [])
    cfg.setdefault("redact_terms", [])
    cfg.setdefault("rounds", [])
    if not isinstance(cfg.get("store", ""), str):
        raise StudyError(f"{path}: 'store' should be a PostgreSQL URL in quotes.")
    if not isinstance(cfg["interviewers"], list):
        raise StudyError(f"{path}: 'interviewers' should be a list of names.")
    seen: set[str] = set()
    for i, rnd in enumerate(cfg["rounds"], start=1):
        rid = str(rnd.get("id", ""))
        if not _ROUND_ID.match(rid):
            raise StudyError(f"{path}: round {i} needs an id of letters, digits, '-' or '_' "
                             f"(found {rid!r}).")
        if rid in seen:
            raise StudyError(f"{path}: round id {rid!r} appears twice.")
        seen.add(rid)
        rnd["id"] = rid
        rnd.setdefault("name", rid)
        for key in ("start", "end"):
            rnd[key] = str(rnd.get(key, "") or "")
    for key in ("guide", "participants"):
        if cfg.get(key):
            inside(folder, folder / cfg[key], what=f"{path}: '{key}'")
    if "provisional_below" in cfg:
        try:
            provisional_threshold(cfg)
        except StudyError as exc:
            raise StudyError(f"{path}: {str(exc).removeprefix('study.toml: ')}") from None
    return cfg


def resolve_study_path(study: str | Path) -> Path:
    """Find the study folder a notebook parameter names.

    An absolute path is taken as given. A relative one is looked up from the working
    directory, then from each folder above it, nearest first (as git finds ``.git``):
    notebooks run with their own folder as the working directory (JupyterLab, nbval), and
    that folder may be the repository's ``notebooks/`` or the installed package's, so the
    default ``data/invoicing-onboarding`` is found from either, and from the repository root.

    Examples
    --------
    >>> resolve_study_path("data/invoicing-onboarding").name  # from anywhere in a checkout
    'invoicing-onboarding'
    """
    path = Path(study).expanduser()
    here = Path.cwd()
    bases = [Path()] if path.is_absolute() else [here, *here.parents]
    for base in bases:
        if (base / path / STUDY_FILE).is_file():
            return (base / path).resolve()
    where = str(path) if path.is_absolute() else f"{here} or any folder above it"
    raise StudyError(f"no study folder (with a {STUDY_FILE}) at {str(study)!r}; looked in "
                     f"{where}.")


def inside(folder: Path, path: Path, *, what: str) -> Path:
    """Resolve ``path`` and refuse it unless it lies inside the study folder."""
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise StudyError(f"{what} points outside the study folder ({path}); "
                         "keep the study's files inside it.")
    return resolved


def refuse_existing(folder: Path) -> None:
    """Refuse to make a study where there is one already."""
    path = folder / STUDY_FILE
    if path.exists():
        raise StudyError(f"{path} already exists; this folder is already a study.")


def write_template(folder: Path, name: str, question: str = "", store: str | None = None
                   ) -> Path:
    """Write a starter ``study.toml`` (refusing to overwrite one).

    ``store`` (a PostgreSQL URL) goes in as ``store = "..."`` without its password, which
    belongs in ``~/.pgpass`` or ``PGPASSWORD``, never in a file shared with the team.
    """
    refuse_existing(folder)
    path = folder / STUDY_FILE
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(name=json.dumps(name), question=json.dumps(question))
    if store:
        text = text.replace("\n[[rounds]]", f"store = {json.dumps(without_password(store))}"
                            "  # the team's store (PostgreSQL); no study.db here\n\n"
                            "[[rounds]]", 1)
    path.write_text(text, encoding="utf-8")
    return path


def without_password(url: str) -> str:
    """A store URL with its password left out.

    Examples
    --------
    >>> without_password("postgresql://ana:s3cret@db.example/pricing")
    'postgresql://ana@db.example/pricing'
    """
    return re.sub(r"^([a-z+]+://[^:/@]*):[^@/]*@", r"\1@", url)
