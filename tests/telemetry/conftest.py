import pytest

from tests.telemetry.fake_openai import FakeOpenAIServer


@pytest.fixture
def fake_openai():
    server = FakeOpenAIServer().start()
    yield server
    server.stop()
