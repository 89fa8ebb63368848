"""Executable emergency plans (应急预案): playbooks as data and a pure grading engine."""
