"""newsdex-scale: newsdex's extraction spread over a Dask cluster (see README.md)."""
