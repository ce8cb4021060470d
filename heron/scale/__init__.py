"""Scaling ``heron ingest``: partitions of articles processed in this process, on local worker processes or on a
Dask cluster, merged by the client into the DuckDB store and/or a date-partitioned Parquet dataset.

Every partition is written in one transaction and every stored article is skipped on a re-run, so an ingest killed
at any moment (SIGKILL included) and run again ends with each article stored exactly once.
"""
from heron.scale.executors import DaskExecutor, Executor, InProcess
from heron.scale.parquet import DatasetBusy, ParquetDataset
from heron.scale.partitions import Partition, plan
from heron.scale.run import Counts, Sinks, ingest
from heron.scale.work import Rows, process

__all__ = ["Counts", "DaskExecutor", "DatasetBusy", "Executor", "InProcess", "ParquetDataset", "Partition", "Rows",
           "Sinks", "ingest", "plan", "process"]
