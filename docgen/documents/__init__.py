"""The documents feature: drafts, finals, outputs and their archive, without Flask.

- ``services``: ``DocumentService``, what an ``Actor`` may do with documents (web, API, CLI)
- ``rendering``: rendering drafts and finals, previews, the final gate applied
- ``archive``: the record of every output (archive entries, audit events)
- ``gate``: why a document cannot be marked final yet, what a preview warns of
- ``prefill``: the initial data of a new document; ``summaries``: computed tables
- ``files``: uploaded files (storage, resolving ``upload:<id>`` into render input)
- ``previews``, ``templates``, ``names``, ``schema_form``: helpers of the above
- ``commands``: ``docgen finalize``

Nothing here imports Flask or ``docgen.web`` and nothing commits: the web commits once
per request, the CLI once per command.
"""
