import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimodelsmap.settings")
django_application = get_wsgi_application()

from aimodelsmap.api.front import ReplayFront  # noqa: E402  (needs the settings loaded above)

# Finished replayed reads are answered before Django builds a request (aimodelsmap/api/front.py).
application = ReplayFront(django_application)
