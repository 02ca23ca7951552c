"""Extraction at index time: entities, numbers and quotes with speakers.

Output contract (one dict per article; offsets index into the cleaned body):

    {"entities": [{"text", "label", "start", "end"}],
     "numbers":  [{"text", "value", "unit", "qualifier", "kind", "counted", "sentence", "start", "end"}],
     "quotes":   [{"text", "speaker", "speaker_role", "partial", "start", "end", "sentence"}]}

`label` is one of PERSON, ORG, PLACE, DATE, TIME, MONEY, PERCENT, QUANTITY, NORP, EVENT, WORK,
LAW, PRODUCT. `quotes[].text` excludes its quotation marks.

Importing this package is cheap; spaCy is imported only by `index.extract.pipeline`
when an `Extractor` first needs its model. The reader never imports this package.
"""
