"""The PDF writer: rendered HTML to an A4 PDF with WeasyPrint, Lao wrapped at word boundaries."""
