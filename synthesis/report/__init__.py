"""Stakeholder reports: the round report and study overview notebooks' building blocks.

``snapshot`` reads and redacts a study once (``redaction`` with ``contacts`` and ``names``
keeps names and contact details out), ``context`` is what a notebook builds its report from,
``sections`` and ``overview`` turn it into escaped HTML fragments and plotly charts,
``export`` writes the offline HTML file (plotly.js from ``vendor/``, ``template/`` with its
phone-width chart layout), and ``execute``, ``publish`` and ``index`` are ``synthesis run``'s
worker, its atomic publishing and its index page.
"""
