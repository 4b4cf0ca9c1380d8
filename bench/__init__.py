"""Benchmarks of sa_orders against the driver, Django's ORM and Django's admin.

Run them with ``scripts/bench`` (see the README); ``python -m bench --help`` for the
options. Every figure is a ratio against a baseline measured in the same run.
"""
