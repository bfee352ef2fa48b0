"""A short list of names stored so the hottest read never decodes it per row."""

from __future__ import annotations

import orjson
from django.db import models

# Signal type names ("quality", "demand"...): the longest is 7 characters.
NAME_MAX_LENGTH = 20


class NameListField(models.Field):
    """A list of short names (``top_drivers``): a native ``varchar[]`` on PostgreSQL, JSON text elsewhere.

    psycopg parses a PostgreSQL array into a list in C, so reads need no
    converter at all (a JSONField runs ``json.loads`` on every row, 50 times
    per leaderboard page). The embedded SQLite default has no arrays and keeps
    the JSON text; only it pays a decode. Names must not contain quotes,
    commas, braces or backslashes: the publish step writes arrays in COPY's
    text format unescaped.
    """

    description = "A list of short names"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank"):
            del kwargs["blank"]
        return name, path, args, kwargs

    def db_type(self, connection) -> str:
        if connection.vendor == "postgresql":
            return f"varchar({NAME_MAX_LENGTH})[]"
        return "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if connection.vendor == "postgresql":
            return [str(name) for name in value]
        return orjson.dumps([str(name) for name in value]).decode()

    def get_db_converters(self, connection):
        # PostgreSQL hands back a list already: no per-row converter there.
        if connection.vendor == "postgresql":
            return super().get_db_converters(connection)
        return [*super().get_db_converters(connection), _from_json]

    def to_python(self, value):
        if isinstance(value, str):
            return orjson.loads(value)
        return value

    def value_to_string(self, obj) -> str:
        return orjson.dumps(self.value_from_object(obj)).decode()


def _from_json(value, expression, connection):
    return None if value is None else orjson.loads(value)
