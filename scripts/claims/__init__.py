"""Toolkit for the claims-and-provenance data package: validate, build, query."""

__version__ = "0.1.0"
