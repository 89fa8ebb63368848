"""Find every task a gazette issue assigns (pure Python, no Django)."""
