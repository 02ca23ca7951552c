"""newsdesk's indexing side: ingest, cleaning, extraction, the Whoosh index and search.

This package never imports `tui`, Textual or Rich widgets, and the parts the reader uses
(`index.api`, `index.search`, `index.models`, `index.docstore`) never import spaCy.
"""
