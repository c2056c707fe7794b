"""Briefing notes for Lao government meetings: YAML meeting data in, PDF and DOCX out."""
