"""`turnos-cli` command groups; each module has ``register(subparsers)``."""
