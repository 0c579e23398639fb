"""Stakeholder reports: the round report and study overview notebooks' building blocks.

``context`` reads and redacts a study once, ``sections`` and ``overview`` turn it into escaped
HTML fragments and plotly charts, ``export`` writes the offline HTML file, ``redaction`` keeps
names and contact details out of it.
"""
