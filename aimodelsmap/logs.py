"""Logging filters referenced from settings.LOGGING."""

import logging


class DisallowedHostAsWarning(logging.Filter):
    """A request for a Host we do not serve is a WARNING line, not an ERROR with a traceback.

    Django logs every such request on ``django.security.DisallowedHost`` at
    ERROR with the exception attached. They come from scanners and from
    clients with a stale DNS entry; nothing on our side is broken, and a
    traceback per probe buries the errors that matter. The client already got
    a 400 in the JSON envelope.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info, record.exc_text = None, None
        return True
