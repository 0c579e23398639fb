"""synthesis: a Jupyter workbook for customer-interview synthesis.

Open a study, sort its notes into themes, count people not mentions::

    from synthesis import open_study
    study = open_study("data/invoicing-onboarding")
    study.status()
"""

from __future__ import annotations

from .errors import InputError, StudyError, SynthesisError
from .study import Study, init_study, open_study

__all__ = ["InputError", "Study", "StudyError", "SynthesisError", "init_study", "open_study"]
__version__ = "0.1.0"
