"""Slogans and formulations (提法): quoted, numbered, parallel, cited documents, redacted."""

from .slogans import extract_slogans, slogans_json

__all__ = ["extract_slogans", "slogans_json"]
