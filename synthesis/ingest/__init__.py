"""Importers: one module per format family, each parsing a file into an ImportBundle."""
