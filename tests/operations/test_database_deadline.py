"""The web server's database settings: a server-side statement timeout, a client deadline, a pool per process."""

from tests.security.test_production_settings import last_line, manage

MAINTENANCE_DB = "postgres://postgres@127.0.0.1:5432/postgres"
DESCRIBE = (
    "from django.db import connection; connection.ensure_connection(); c = connection.connection;"
    "o = connection.settings_dict['OPTIONS'];"
    "print(type(c).__name__, c.wait_deadline, o.get('options'), o.get('tcp_user_timeout'),"
    " connection.pool.max_size if connection.pool else None, connection.settings_dict['CONN_MAX_AGE'])"
)


def test_the_web_server_settings_give_every_query_a_deadline_and_pool_connections():
    result = manage(
        "shell", "-c", DESCRIBE, DATABASE_URL=MAINTENANCE_DB, DB_QUERY_TIMEOUT_SECONDS="3", DB_POOL_MAX_SIZE="4"
    )
    assert last_line(result) == "DeadlineConnection 4.0 -c statement_timeout=3000 4000 4 0"


def test_workers_and_commands_keep_no_deadline_and_no_pool():
    result = manage(
        "shell", "-c", DESCRIBE, DATABASE_URL=MAINTENANCE_DB, DB_QUERY_TIMEOUT_SECONDS="", DB_POOL_MAX_SIZE=""
    )
    assert last_line(result) == "DeadlineConnection None None None None 60"
