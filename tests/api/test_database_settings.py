"""PostgreSQL connections bind parameters on the server (so repeated queries are prepared) unless told not to."""

import psycopg
import pytest
from django.db import connection

from tests.security.test_production_settings import last_line, manage


@pytest.mark.django_db
def test_queries_are_bound_on_the_server_by_default():
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, psycopg.Cursor)
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)


def test_server_side_binding_can_be_turned_off_for_a_pooler():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['server_side_binding'])"

    off = manage("shell", "-c", code, DB_SERVER_SIDE_BINDING="0")
    on = manage("shell", "-c", code)

    assert (last_line(off), last_line(on)) == ("False", "True")
