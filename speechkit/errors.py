"""The one exception type users see."""


class SpeechkitError(Exception):
    """A user-facing error: bad input, a missing file, a missing optional extra.

    The message is one line that names the file or option and the reason; the CLI
    prints it as is and exits with status 2.
    """
