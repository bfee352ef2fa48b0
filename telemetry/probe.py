"""Timing one streaming chat completion against an OpenAI-compatible host. No ORM here.

The request is deliberately tiny (one short user message, a handful of
output tokens) so a probe costs the host, and our key, next to nothing.
What is measured, with a monotonic clock:

* ``ttft_ms``: request start to the first chunk carrying content;
* ``latency_ms``: request start to the end of the stream;
* ``tokens_per_second``: the tokens after the first over the time after the
  first, i.e. the generation rate once the model is streaming (time to first
  token is reported separately, so it is not folded in twice).

Output tokens come from the stream's ``usage`` chunk when the host sends one
(``stream_options.include_usage``) and otherwise from the number of content
chunks, which OpenAI-compatible servers emit about one per token.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
import orjson

PROBE_PROMPT = "Reply with the single word: pong"
PROBE_MAX_TOKENS = 16


@dataclass(frozen=True)
class ProbeResult:
    success: bool
    error_kind: str  # "" on success, else an ErrorKind value
    http_status: int | None = None
    ttft_ms: float | None = None
    latency_ms: float | None = None
    output_tokens: int | None = None
    tokens_per_second: float | None = None


def chat_request_body(model_id: str) -> dict:
    return {
        "model": model_id,
        "messages": [{"role": "user", "content": PROBE_PROMPT}],
        "max_tokens": PROBE_MAX_TOKENS,
        "temperature": 0,
        "stream": True,
        "stream_options": {"include_usage": True},
    }


def tokens_per_second(output_tokens: int | None, ttft_ms: float | None, latency_ms: float | None) -> float | None:
    if not output_tokens or ttft_ms is None or latency_ms is None:
        return None
    streaming_ms = latency_ms - ttft_ms
    if output_tokens > 1 and streaming_ms > 0:
        return (output_tokens - 1) / (streaming_ms / 1000)
    # A single token (or a whole answer in one chunk): the overall rate is all there is.
    return output_tokens / (latency_ms / 1000) if latency_ms > 0 else None


def _sse_chunk(line: str) -> dict | None:
    """The JSON object of one SSE ``data:`` line; None for keep-alives, comments and [DONE]."""
    if not line.startswith("data:"):
        return None
    payload = line[5:].strip()
    if not payload or payload == "[DONE]":
        return None
    document = orjson.loads(payload)
    return document if isinstance(document, dict) else None


def _has_content(chunk: dict) -> bool:
    for choice in chunk.get("choices") or []:
        delta = choice.get("delta") or {}
        if delta.get("content") or delta.get("reasoning_content") or delta.get("reasoning"):
            return True
    return False


class _Deadline(Exception):
    pass


def _status_kind(status: int) -> str:
    return "4xx" if 400 <= status < 500 else "5xx"


def probe_chat_completion(
    *, base_url: str, model_id: str, api_key: str | None, timeout: float, client: httpx.Client | None = None
) -> ProbeResult:
    """Stream one tiny completion and time it. Never raises for host-side failures.

    ``timeout`` bounds each network wait *and* the whole request, so a host
    trickling bytes forever is still a timeout.
    """
    url = base_url.rstrip("/") + "/chat/completions"
    headers = {"Accept": "text/event-stream"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    own_client = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False)
    started = time.perf_counter()

    def elapsed_ms() -> float:
        return (time.perf_counter() - started) * 1000

    status = None
    try:
        with client.stream("POST", url, json=chat_request_body(model_id), headers=headers) as response:
            status = response.status_code
            if status >= 400:
                return ProbeResult(False, _status_kind(status), http_status=status, latency_ms=elapsed_ms())
            if not 200 <= status < 300:
                return ProbeResult(False, "invalid_response", http_status=status, latency_ms=elapsed_ms())
            ttft_ms = None
            content_chunks = 0
            usage_tokens = None
            for line in response.iter_lines():
                if elapsed_ms() > timeout * 1000:
                    raise _Deadline
                chunk = _sse_chunk(line)
                if chunk is None:
                    continue
                if _has_content(chunk):
                    content_chunks += 1
                    if ttft_ms is None:
                        ttft_ms = elapsed_ms()
                usage = chunk.get("usage")
                if isinstance(usage, dict) and isinstance(usage.get("completion_tokens"), int):
                    usage_tokens = usage["completion_tokens"]
            latency_ms = elapsed_ms()
    except (httpx.TimeoutException, _Deadline):
        return ProbeResult(False, "timeout", http_status=status, latency_ms=elapsed_ms())
    except orjson.JSONDecodeError:
        return ProbeResult(False, "invalid_response", http_status=status, latency_ms=elapsed_ms())
    except httpx.HTTPError:
        # Connection refused/reset, DNS, TLS, a stream cut off mid-way.
        return ProbeResult(False, "connection", http_status=status, latency_ms=elapsed_ms())
    finally:
        if own_client:
            client.close()
    if ttft_ms is None:
        return ProbeResult(False, "invalid_response", http_status=status, latency_ms=latency_ms)
    output_tokens = usage_tokens if usage_tokens else content_chunks
    return ProbeResult(
        True,
        "",
        http_status=status,
        ttft_ms=ttft_ms,
        latency_ms=latency_ms,
        output_tokens=output_tokens,
        tokens_per_second=tokens_per_second(output_tokens, ttft_ms, latency_ms),
    )
