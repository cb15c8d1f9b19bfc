"""Files Turnos writes for people and for other systems."""
