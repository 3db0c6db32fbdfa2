"""Arrow arrays to and from NumPy through their buffers, without importing pandas.

pyarrow's own conversions (``to_numpy``, ``pa.array``, ``pa.scalar``) go through its pandas
bridge, which imports pandas on first use: a quarter of a second that a ``check`` run never
needs. The few conversions the core makes are done here on the raw buffers instead.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def _flat(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _valid(array: pa.Array) -> np.ndarray | None:
    """A boolean mask of the non-null slots, or None when there are no nulls."""
    if array.null_count == 0:
        return None
    bitmap = array.buffers()[0]
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little", count=array.offset + len(array))
    return bits[array.offset :].astype(bool)


def _values(array: pa.Array, dtype: type) -> np.ndarray:
    if len(array) == 0:
        return np.empty(0, dtype=dtype)
    data = array.buffers()[1]
    return np.frombuffer(data, dtype=dtype, count=array.offset + len(array))[array.offset :]


def floats(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The values as a new float64 array; a null becomes NaN."""
    array = _flat(column)
    if array.type != pa.float64():
        array = array.cast(pa.float64())
    values = _values(array, np.float64).copy()
    valid = _valid(array)
    if valid is not None:
        values[~valid] = np.nan
    return values


def codes(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str | None]]:
    """The dictionary codes of a (dictionary-encoded) string column, -1 for a null, and the
    values the codes index."""
    array = _flat(column)
    if not pa.types.is_dictionary(array.type):
        array = array.dictionary_encode()
    indices = array.indices
    if indices.type != pa.int64():
        indices = indices.cast(pa.int64())
    result = _values(indices, np.int64).copy()
    valid = _valid(indices)
    if valid is not None:
        result[~valid] = -1
    return result, array.dictionary.to_pylist()


def repeated(value: str, length: int) -> pa.DictionaryArray:
    """``value`` ``length`` times, as a one-entry dictionary column."""
    encoded = value.encode("utf-8")
    dictionary = pa.Array.from_buffers(
        pa.string(), 1, [None, pa.py_buffer(np.array([0, len(encoded)], dtype=np.int32)), pa.py_buffer(encoded)]
    )
    indices = pa.Array.from_buffers(pa.int32(), length, [None, pa.py_buffer(np.zeros(length, dtype=np.int32))])
    return pa.DictionaryArray.from_arrays(indices, dictionary)
