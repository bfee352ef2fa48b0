"""PostgreSQL connections bind parameters on the server and prepare repeated queries, unless told not to."""

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


@pytest.mark.django_db
def test_a_query_repeated_on_a_connection_is_prepared_once_and_then_reused():
    sql = "SELECT %s::int + 1 AS prepared_probe"
    with connection.cursor() as cursor:
        results = []
        for n in range(7):
            cursor.execute(sql, [n])
            results.append(cursor.fetchone()[0])
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%prepared_probe%"])
        prepared = cursor.fetchall()

    assert results == list(range(1, 8))
    assert len(prepared) == 1


def test_statement_preparation_follows_server_side_binding():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['prepare_threshold'])"

    default = manage("shell", "-c", code)
    tuned = manage("shell", "-c", code, DB_PREPARE_THRESHOLD="2")
    unbound = manage("shell", "-c", code, DB_SERVER_SIDE_BINDING="0")

    assert (last_line(default), last_line(tuned), last_line(unbound)) == ("5", "2", "None")
