"""Find every task a gazette issue assigns (pure Python, no Django)."""

from luoshi.supervision.extraction.contract import task_contract, task_id, tasks_contract
from luoshi.supervision.extraction.extract import extract_document, extract_tasks, is_assigning
from luoshi.supervision.extraction.model import ExtractedTask, Target

__all__ = [
    "ExtractedTask",
    "Target",
    "extract_document",
    "extract_tasks",
    "is_assigning",
    "task_contract",
    "task_id",
    "tasks_contract",
]
