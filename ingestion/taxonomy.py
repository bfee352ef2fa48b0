"""The seed vocabulary: category tree, capabilities and the default source mappings.

These are starting points only. The seeding service creates what is missing and
never changes an existing row, so curators' edits in the admin stand.
"""

from __future__ import annotations

# (slug, name, parent slug, display order, description)
CATEGORY_TREE = [
    ("overall", "Overall", None, 0, "Every model, ranked on all evidence together."),
    ("coding", "Coding", None, 10, "Writing, fixing and explaining code."),
    ("coding-generation", "Code generation", "coding", 11, "Writing new code from a description."),
    ("coding-debugging", "Debugging", "coding", 12, "Finding and fixing bugs in existing code."),
    ("coding-explanation", "Code explanation", "coding", 13, "Reading code and explaining what it does."),
    ("math", "Math", None, 20, "Arithmetic, algebra, proofs and quantitative problems."),
    ("reasoning", "Reasoning", None, 30, "Multi-step logic and hard problems."),
    ("writing", "Creative writing", None, 40, "Stories, copy and other creative text."),
    ("chat", "Chat", None, 50, "General conversation and assistance."),
    ("instruction-following", "Instruction following", None, 60, "Doing exactly what the prompt asks."),
    ("multilingual", "Multilingual", None, 70, "Working well in languages other than English."),
    ("long-context", "Long context", None, 80, "Using very long inputs well."),
    ("vision", "Vision", None, 90, "Understanding images and documents."),
    ("image-generation", "Image generation", None, 100, "Creating and editing images."),
    ("embeddings", "Embeddings", None, 110, "Vector representations for search and retrieval."),
    ("speech-audio", "Speech and audio", None, 120, "Transcription, speech synthesis and audio."),
    ("video", "Video", None, 130, "Generating and understanding video."),
]

# slug -> name
CAPABILITIES = {
    "chat": "Chat",
    "completion": "Text completion",
    "vision": "Image input",
    "pdf-input": "PDF input",
    "audio-input": "Audio input",
    "audio-output": "Audio output",
    "video-input": "Video input",
    "reasoning": "Reasoning",
    "tools": "Tool calling",
    "structured-output": "Structured output",
    "prompt-caching": "Prompt caching",
    "web-search": "Web search",
    "image-generation": "Image generation",
    "video-generation": "Video generation",
    "embedding": "Embeddings",
    "rerank": "Reranking",
    "transcription": "Transcription",
    "speech": "Speech synthesis",
}

# Categories a capability puts a model in.
CAPABILITY_CATEGORIES = {
    "chat": "chat",
    "vision": "vision",
    "reasoning": "reasoning",
    "image-generation": "image-generation",
    "video-generation": "video",
    "video-input": "video",
    "embedding": "embeddings",
    "audio-input": "speech-audio",
    "audio-output": "speech-audio",
    "transcription": "speech-audio",
    "speech": "speech-audio",
}

# Context windows from this size up put a model in long-context.
LONG_CONTEXT_TOKENS = 500_000

# LMArena's arenas, as its file names spell them (``leaderboard-<arena>-DATE.json``),
# and the category every board of the arena measures. The text arenas (plain
# and with style control) measure a different category per board (ARENA_BOARDS);
# ``search`` measures nothing we rank, so its boards wait for a curator.
TEXT_ARENA = "text"
STYLE_CONTROL_ARENA = "text-style-control"
ARENAS = {
    TEXT_ARENA: None,
    STYLE_CONTROL_ARENA: None,
    "vision": "vision",
    "image": "image-generation",
    "image-edit": "image-generation",
    "webdev": "coding-generation",
    "search": None,
    "video": "video",
}
# Arenas whose boards each say which category they measure.
TEXT_ARENAS = (TEXT_ARENA, STYLE_CONTROL_ARENA)

# Text arena board -> category slug (None: general quality, counts for every
# category). The style-controlled text arena publishes the same boards.
ARENA_BOARDS = {
    "full": None,
    "coding": "coding",
    "math": "math",
    "industry_mathematical": "math",
    "creative_writing": "writing",
    "industry_writing_and_literature_and_language": "writing",
    "if": "instruction-following",
    "hard_6": "reasoning",
    "expert": "reasoning",
    "multiturn": "chat",
    "long_user": "long-context",
    "industry_software_and_it_services": "coding",
    "chinese": "multilingual",
    "french": "multilingual",
    "german": "multilingual",
    "japanese": "multilingual",
    "korean": "multilingual",
    "russian": "multilingual",
    "spanish": "multilingual",
}


def arena_board_defaults() -> list[tuple[str, str, str | None, bool]]:
    """(arena, board, category slug, enabled) seeded for curators to edit."""
    rows = [(arena, board, slug, True) for arena in TEXT_ARENAS for board, slug in ARENA_BOARDS.items()]
    rows += [(arena, "full", slug, slug is not None) for arena, slug in ARENAS.items() if arena not in TEXT_ARENAS]
    return rows


# Benchmark name (as models.dev writes it) -> category slug.
BENCHMARKS = {
    "Aider Polyglot": "coding-generation",
    "Artificial Analysis Coding Agent Index": "coding",
    "Artificial Analysis Coding Index": "coding",
    "CharXiv Reasoning": "vision",
    "GPQA Diamond": "reasoning",
    "Humanity’s Last Exam": "reasoning",
    "LiveCodeBench": "coding-generation",
    "LiveCodeBench Pro": "coding-generation",
    "Long Context Reasoning": "long-context",
    "MRCRv2": "long-context",
    "NL2Repo": "coding-generation",
    "SciCode": "coding-generation",
    "SWE Bench Pro": "coding-debugging",
    "SWE-Atlas Codebase QnA": "coding-explanation",
    "SWE-Atlas Refactoring": "coding",
    "SWE-Atlas Test Writing": "coding-generation",
    "SWE-Bench Multilingual": "coding-debugging",
    "SWE-Bench Pro": "coding-debugging",
    "SWE-Bench Verified": "coding-debugging",
    "Terminal Bench 2.0": "coding",
    "Terminal Bench 2.1": "coding",
    "Terminal-Bench": "coding",
    "Terminal-Bench 2.1": "coding",
    "Terminal-Bench Hard": "coding",
}
