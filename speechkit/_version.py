"""The package version, importable by every layer without the package root."""

__version__ = "0.1.0"
