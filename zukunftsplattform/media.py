from django.http import Http404
from django.views.decorators.cache import cache_control
from django.views.static import serve


@cache_control(max_age=86400, public=True)
def serve_media(request, path, document_root):
    """Django's ``static.serve``; a name the file system refuses (too long, too deep) is a 404.

    Uploads are stored under short random names, so no such name was ever ours.
    """
    try:
        return serve(request, path, document_root=document_root)
    except (OSError, ValueError) as error:
        raise Http404 from error
