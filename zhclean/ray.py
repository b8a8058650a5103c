"""Ray Data: clean a text column across a cluster with ``Dataset.map_batches``.

:class:`RayCleaner` is a callable class: Ray builds one instance per worker (actor),
so the pipeline and its OpenCC converters are built once per worker, not per batch,
and each batch (NumPy dict, pandas DataFrame or PyArrow Table) is cleaned by the same
engine-agnostic :func:`zhclean.batch.clean_column` the Spark and Dask recipes use.
This module imports Ray only inside :func:`clean_dataset`; install it with
``pip install 'zhclean[ray]'``.

>>> import pyarrow as pa
>>> from zhclean import Pipeline
>>> cleaner = RayCleaner("text", pipeline=Pipeline(str.strip))
>>> cleaner(pa.table({"id": [1, 2], "text": [" 长江", None]})).to_pylist()
[{'id': 1, 'text': '长江'}, {'id': 2, 'text': None}]

With Ray installed::

    import ray, zhclean.ray
    ds = ray.data.read_json("s3://bucket/raw/")          # or read_parquet, from_items…
    ds = zhclean.ray.clean_dataset(ds, "text", concurrency=16)
    ds.write_parquet("s3://bucket/clean/")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhclean.batch import clean_column
from zhclean.pipeline import Pipeline, StepLike, as_pipeline

__all__ = ["RayCleaner", "clean_dataset"]

PipelineArg = Pipeline | str | Iterable[StepLike] | None


class RayCleaner:
    """Clean ``column`` of each batch; for ``map_batches(RayCleaner, fn_constructor_kwargs=…)``."""

    def __init__(
        self,
        column: str = "text",
        *,
        pipeline: PipelineArg = None,
        output_column: str | None = None,
    ) -> None:
        self.column = column
        self.output_column = output_column or column
        self.pipeline = as_pipeline(pipeline)
        # Runs every step once so converters and compiled tables exist before the first
        # batch: Ray calls this constructor once per worker.
        self.pipeline("長江經濟帶")

    def __call__(self, batch: Any) -> Any:
        module = type(batch).__module__.split(".")[0]
        if module == "pyarrow":
            cleaned = clean_column(batch.column(self.column), pipeline=self.pipeline)
            if self.output_column in batch.column_names:
                index = batch.column_names.index(self.output_column)
                return batch.set_column(index, self.output_column, cleaned)
            return batch.append_column(self.output_column, cleaned)
        if module == "pandas":
            batch = batch.copy(deep=False)
        elif not isinstance(batch, dict):
            raise TypeError(
                f"expected a NumPy dict, pandas DataFrame or PyArrow Table batch, not {type(batch).__name__}"
            )
        batch[self.output_column] = clean_column(batch[self.column], pipeline=self.pipeline)
        return batch


def clean_dataset(
    dataset: Any,
    column: str = "text",
    *,
    pipeline: PipelineArg = None,
    output_column: str | None = None,
    concurrency: int | tuple[int, int] = 1,
    batch_size: int | None = 1024,
    num_cpus: float = 1,
) -> Any:
    """``dataset.map_batches`` with a pool of :class:`RayCleaner` workers (``concurrency`` of them).

    Returns the lazy ``ray.data.Dataset``; nothing runs until it is consumed or written.
    """
    import ray.data  # noqa: F401  (fails here, with Ray's own message, if the extra is missing)

    return dataset.map_batches(
        RayCleaner,
        fn_constructor_kwargs={
            "column": column,
            "pipeline": as_pipeline(pipeline),
            "output_column": output_column,
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
        num_cpus=num_cpus,
    )
