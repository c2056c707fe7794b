"""The meeting data: YAML with positions, typed readers, the loader, the model and its statistics."""
