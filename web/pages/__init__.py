"""Page contexts: what each template shows, built from the same selectors the API calls.

Every builder returns plain values for one template; views render and cache
them. A builder raises ``web.errors.PageError`` for an unknown slug or an
impossible request.
"""
