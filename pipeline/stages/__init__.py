"""The stages that turn one PDF into a document, one module each, in the order :mod:`pipeline.run` runs them.

Each module's main function takes and returns the typed models of
:mod:`pipeline.core.geometry` and its group of :class:`pipeline.settings.Settings`. Stages
never import the batch machinery (:mod:`pipeline.batch`) or the evaluation
(:mod:`pipeline.evaluation.documents`).
"""
