"""Hugging Face ``datasets``: clean a text column with ``Dataset.map``.

``hf_map("text")`` returns a picklable callable for ``dataset.map(..., batched=True,
num_proc=N)``: each worker process receives it (pipeline included) once, and every
batch is cleaned by :func:`zhclean.batch.clean_column`, nulls kept. Other columns are
untouched; with ``output_field`` the cleaned text goes to a new column instead.

>>> from zhclean import Pipeline
>>> cleaner = hf_map("text", pipeline=Pipeline(str.strip))
>>> cleaner({"text": ["长江 ", None], "id": [1, 2]})
{'text': ['长江', None]}
>>> hf_map("text", pipeline=Pipeline(str.strip), output_field="clean")({"text": " 长江"})
{'clean': '长江'}

With ``datasets`` installed::

    from datasets import load_dataset
    import zhclean
    ds = load_dataset("json", data_files="raw.jsonl", split="train")
    ds = ds.map(zhclean.hf_map("text"), batched=True, num_proc=8)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from zhclean.batch import clean_column
from zhclean.pipeline import Pipeline, StepLike, as_pipeline

__all__ = ["HFMap", "hf_map"]


class HFMap:
    """The function ``hf_map`` returns: cleans ``field`` of a batch (or of one example)."""

    def __init__(
        self,
        field: str = "text",
        *,
        pipeline: Pipeline | str | Iterable[StepLike] | None = None,
        output_field: str | None = None,
    ) -> None:
        self.field = field
        self.pipeline = as_pipeline(pipeline)
        self.output_field = output_field or field

    def __repr__(self) -> str:
        return f"hf_map({self.field!r}, pipeline={self.pipeline!r}, output_field={self.output_field!r})"

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, Any]:
        try:
            values = batch[self.field]
        except KeyError:
            names = ", ".join(map(str, batch.keys()))
            raise KeyError(f"no column {self.field!r} to clean; columns: {names}") from None
        if values is None:
            return {self.output_field: None}
        if isinstance(values, str):  # batched=False: one example
            return {self.output_field: self.pipeline(values)}
        return {self.output_field: clean_column(list(values), pipeline=self.pipeline)}


def hf_map(
    field: str = "text",
    *,
    pipeline: Pipeline | str | Iterable[StepLike] | None = None,
    output_field: str | None = None,
) -> HFMap:
    """A function for ``datasets.Dataset.map(batched=True, num_proc=N)`` that cleans ``field``.

    ``pipeline`` is a :class:`~zhclean.Pipeline`, a preset name, or None for the default.
    """
    return HFMap(field, pipeline=pipeline, output_field=output_field)
