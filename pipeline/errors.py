"""The error tree. The library raises these; only the CLI turns them into messages and exit codes."""


class DocketError(Exception):
    """Base class for every error Docket raises on purpose."""


class SkipFile(DocketError):
    """A file that cannot be ingested; the message names the file and the reason."""

    kind = "unreadable"

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(SkipFile):
    """No reader exists for the file's extension."""

    kind = "unsupported"


class EmptyFile(SkipFile):
    """The file holds no text at all."""

    kind = "empty"


class BinaryFile(SkipFile):
    """The file has a text extension but binary content."""

    kind = "binary"


class CorruptFile(SkipFile):
    """The file is truncated or damaged beyond reading."""

    kind = "corrupt"


class EncryptedFile(SkipFile):
    """The PDF is encrypted and cannot be opened without a password."""

    kind = "encrypted"


class NoTextLayer(SkipFile):
    """The PDF has pages but no text layer, as a scan does."""

    kind = "scanned"


class FileTooLarge(SkipFile):
    """The file is larger than the configured limit."""

    kind = "too_large"


class UnreadableFile(SkipFile):
    """The operating system refused to read the file (permissions, symlink loop, vanished)."""

    kind = "unreadable"


class FetchFailed(SkipFile):
    """A URL could not be fetched: the network, the server's status or a timeout."""

    kind = "fetch"


class StoreError(DocketError):
    """The database cannot be opened or is of an unknown schema version."""
