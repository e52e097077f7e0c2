"""The learning room's documents: the evaluation report (`evaluation`)."""
