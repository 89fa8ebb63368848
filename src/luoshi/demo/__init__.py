"""The demo (``make demo``): accounts for every role and unit it involves, and a story seeded
through the real actions so every page has content as of ``LUOSHI_NOW``."""
