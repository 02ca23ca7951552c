"""The reader's own files: config, read state, clippings (no Textual imports)."""
