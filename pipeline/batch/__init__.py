"""Many PDFs at once: folders, pools of worker processes or a Dask cluster, the manifest that
redoes only what changed, progress and the summary.

    from pipeline.batch import BatchConfig, run_batch

    summary = run_batch(pdfs, BatchConfig(Path("output"), workers=4))
"""

from .runner import BatchConfig, Summary, run_batch

__all__ = ["BatchConfig", "Summary", "run_batch"]
