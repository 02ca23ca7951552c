"""The reader's screens: search, article, help."""
