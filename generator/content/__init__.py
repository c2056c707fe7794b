"""What documents show: the view of a meeting, labels, Lao dates and the sandboxed templates."""
