"""The numbered outline of a speech: sections (一、/（一）/1./（1）) and inline lists."""

from .structure import extract_outline, outline_json
from .tree import iter_sections, outline_from_dict, section_at

__all__ = ["extract_outline", "iter_sections", "outline_from_dict", "outline_json", "section_at"]
