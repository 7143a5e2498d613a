"""Instruments, not product: benchmarks, the synthetic trees they measure and a browser to drive.

Run with `python -m benchmarks load|site|questionnaire` (or `make bench`).
Tests use the synthetic trees and the browser helpers too; nothing in
`build_tools` imports from here.
"""
