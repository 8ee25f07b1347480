"""The exception hierarchy. Each error carries the exit code the CLI turns it into."""

from __future__ import annotations

UNREAD_PAGES_EXIT = 6
"""The exit code of a conversion that wrote its record but read nothing as articles from
some page (the record's `unread_pages`): not an error, not a success either."""


class BulletinIngestError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class ConfigError(BulletinIngestError, ValueError):
    """An option that does not exist or has a value out of range."""

    exit_code = 2


class InputFileError(BulletinIngestError):
    """A file that cannot be read as a bulletin: missing, empty, undecodable, too large."""

    exit_code = 3

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type[InputFileError], tuple[str, str]]:
        # Rebuilt from its fields where it crosses to another process (a worker's result).
        return type(self), (self.path, self.problem)


class MissingDependencyError(BulletinIngestError):
    """A program or package the requested work needs is not installed; says how to get it."""

    exit_code = 4


class OcrError(BulletinIngestError):
    """The OCR engine failed or timed out on a page."""

    exit_code = 5

    def __init__(self, path: object, page: int, problem: str) -> None:
        self.path = str(path)
        self.page = page
        self.problem = problem
        super().__init__(f"{self.path}: page {page}: {problem}")

    def __reduce__(self) -> tuple[type[OcrError], tuple[str, int, str]]:
        return type(self), (self.path, self.page, self.problem)


class InternalError(BulletinIngestError):
    """A fault of bulletin-ingest itself (a bug) met while reading one input: reported for
    that input, like the errors above, so that the rest of a batch goes on."""

    exit_code = 70  # EX_SOFTWARE of sysexits.h

    @classmethod
    def reading(cls, name: str, error: Exception) -> InternalError:
        """The error of a bug met while reading the input called name."""
        return cls(f"{name}: internal error: {type(error).__name__}: {error}")


def raised_inside(error: BaseException, packages: tuple[str, ...]) -> bool:
    """Whether an exception was raised inside one of these packages (a file parser, which
    raises errors of every kind on a damaged file, the file's fault) rather than in our own
    code, where it is a bug and stays one."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    module = trace.tb_frame.f_globals.get("__name__", "") if trace is not None else ""
    return str(module).split(".")[0] in packages
