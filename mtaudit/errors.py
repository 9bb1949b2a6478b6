"""The one exception type that means "the user gave us something we cannot use".

The CLI turns it into a one-line message on stderr and exit code 2; anything else
escaping the pipeline is a bug in mtaudit and keeps its traceback."""


class MtauditError(Exception):
    """Bad usage or unreadable input, explained in one line for the person running mtaudit."""


class InputWarning(UserWarning):
    """Input that mtaudit repaired and used (an encoding guessed, markup removed, a bad row
    skipped): worth telling the user, not worth stopping for."""


class NothingToAudit(MtauditError):
    """The inputs hold no article to audit (a commit that changed no translated article):
    not an error for a commit hook, which passes."""
