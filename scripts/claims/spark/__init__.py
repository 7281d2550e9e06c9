"""The package's views on Apache Spark (the optional extra `spark`: pip install '.[spark]').

transpile.py turns sql/views/ (with the macros they use inlined) into Spark SQL with sqlglot, at
run time, so the DuckDB files stay the one statement of what a view means; run.py runs them on a
Spark session over a release's Parquet tables and writes each view as Parquet (claims spark).
docs/at-scale.md says what is translated how and what differs between the engines.
"""
