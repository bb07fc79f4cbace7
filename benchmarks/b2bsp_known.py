"""Best known breaks of the eight B2BSP literature instances
(../shared/benchmarks/b2bsp/README.md; tic-13crafc's 4 is proven optimal by rabta)."""

BEST_KNOWN = {
    "tic-12": 0,
    "tic-12crafc": 0,
    "tic-13": 0,
    "tic-13crafb": 0,
    "tic-13crafc": 4,
    "forum-13": 0,
    "forum-13crafb": 1,
    "forum-13crafc": 0,
}
