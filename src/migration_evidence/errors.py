"""Errors that name the file, row, column and offending text of bad input."""

from __future__ import annotations


class InputError(Exception):
    """Bad input found at a precise place in a file.

    The message always names the file, the line and data row, the column and the offending text,
    so a reader can open the file and see the problem without running anything.
    """

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        line: int | None = None,
        row: str | None = None,
        column: str | None = None,
        text: str | None = None,
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.row = row
        self.column = column
        self.text = text
        where = [self.path]
        if line is not None:
            where.append(f"line {line}")
        if row is not None:
            where.append(f"row {row!r}")
        if column is not None:
            where.append(f"column {column!r}")
        message = ", ".join(where)
        if text is not None:
            message += f", text {text!r}"
        super().__init__(f"{message}: {problem}")
