"""Peer solvers for the B2BSP benchmark (benchmarks/run_b2bsp.py)."""
