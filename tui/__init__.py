"""newsdesk's terminal reader (Textual). Imports `index`; `index` never imports this."""
