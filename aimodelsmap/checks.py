"""Checks standing in for Django's own middleware checks, which cannot see ``PAGE_MIDDLEWARE``.

Django's admin and deployment checks look for the session, auth, messages,
CSRF and clickjacking middleware in ``MIDDLEWARE`` by name; here they live in
``PAGE_MIDDLEWARE`` behind ``aimodelsmap.page_middleware.PageMiddleware``
(settings silence those checks). These make the same demands where the
classes actually are: the admin's three, and CSRF and clickjacking protection
for every page.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PAGE_MIDDLEWARE_ENTRY = "aimodelsmap.page_middleware.PageMiddleware"
REQUIRED_PAGE_MIDDLEWARE = (
    # Replaces admin.E408, admin.E409, admin.E410 (the admin cannot log anyone in without them).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Replace security.W003 and security.W002: every page keeps CSRF and clickjacking protection.
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


@register(Tags.security, Tags.admin, deploy=False)
def page_middleware_check(app_configs, **kwargs):
    errors = []
    if PAGE_MIDDLEWARE_ENTRY not in settings.MIDDLEWARE:
        errors.append(Error(f"{PAGE_MIDDLEWARE_ENTRY} must be in MIDDLEWARE.", id="aimodelsmap.E001"))
    page_middleware = getattr(settings, "PAGE_MIDDLEWARE", [])
    for required in REQUIRED_PAGE_MIDDLEWARE:
        if required not in page_middleware:
            errors.append(Error(f"{required} must be in PAGE_MIDDLEWARE.", id="aimodelsmap.E002"))
    return errors
