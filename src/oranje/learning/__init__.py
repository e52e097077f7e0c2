"""The learning room (issue 16): evaluations of incidents and exercises with findings and their
evidence, patterns across incidents, the public survey, the living dossier of good questions,
practices and proposals with its work sessions, and the national network of population care."""
