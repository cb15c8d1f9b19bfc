"""Qt table models: thin adapters over domain lists."""
