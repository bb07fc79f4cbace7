"""Independent formulations of the event scheduling problem, for comparison.

Neither shares code with the engine's solvers: ``maxsat.py`` is a weighted
partial MaxSAT encoding solved with python-sat's RC2, ``minizinc.py`` a MiniZinc
model (``event.mzn``) solved with Debian's bundled Gecode. Both read a
:class:`rabta.scheduling.model.Problem` and return a
:class:`rabta.scheduling.model.Schedule`; ``common.py`` holds what they share.
"""
