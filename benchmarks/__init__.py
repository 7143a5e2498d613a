"""Instruments, not product: the benchmarks.

Run with `python -m benchmarks load|site|questionnaire` (or `make bench`).
They borrow the tests' synthetic trees (tests/synthetic.py) and browser
helpers (tests/browsing.py); no test and nothing in `build_tools` imports
from here.
"""
