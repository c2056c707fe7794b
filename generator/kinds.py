"""The document kinds and formats a build makes (a module of its own, so the command line reads them without loading the builder)."""

FORMATS = ("pdf", "docx")
KINDS = ("briefing", "minutes")
