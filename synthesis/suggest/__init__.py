"""Offline theme suggestions: "probably goes in…", similar notes and draft themes.

Everything runs in the researcher's own process on a model that ships inside the
``wordllama`` wheel (:mod:`.embeddings`); nothing is downloaded or sent anywhere. All
functions take frames and return frames, and none of them touches the store: the study's
door is :meth:`synthesis.Study.suggest`, and only the researcher's own action places a note.

This package imports numpy, scipy and wordllama (scikit-learn only for draft themes);
``import synthesis`` does not import it.
"""

from __future__ import annotations

from .classifier import suggest_themes
from .drafts import draft_themes
from .labels import distinctive_words
from .reasons import closest_members
from .round import Suggestions, suggest_for_round
from .similar import similar_notes

__all__ = ["Suggestions", "closest_members", "distinctive_words", "draft_themes", "similar_notes",
           "suggest_for_round", "suggest_themes"]
