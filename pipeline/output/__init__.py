"""What the pipeline gives: the :class:`~pipeline.output.models.Document` model (JSON) and its Markdown."""
