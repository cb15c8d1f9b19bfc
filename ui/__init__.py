"""The Turnos desktop app (Qt). Talks to ``scheduler`` only, never to ``solver`` types directly."""
