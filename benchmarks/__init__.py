"""rabta's benchmarks: event generators, runners and independent formulations."""
