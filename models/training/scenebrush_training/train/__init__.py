"""Trainers: the base generator, class generators, ladder stages; their losses and z prior."""
