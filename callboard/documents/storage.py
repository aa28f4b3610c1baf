"""Stored files, wherever the storage keeps them (var/media on a laptop, an S3 bucket in a
studio): a download is streamed by the view that checked who may have it.

Streamed rather than handed out as a presigned URL, because the view's checks then hold for
every byte: the bucket stays private and need not be reachable from the browser (an
in-house S3 server on a private network), no URL exists that could be forwarded, logged
by a proxy or kept in a history, and the response keeps Callboard's own headers
(no-store for a crew member's copy, the file name, the type).
"""

import mimetypes

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def stored_file_response(
    field: FieldFile,
    *,
    filename: str,
    content_type: str | None = None,
    as_attachment: bool = False,
) -> FileResponse:
    """The stored file as a streamed response named `filename`; the type is `content_type`
    or guessed from `filename`. A file the storage no longer has is a 404, not a 500."""
    if not field:
        raise Http404("No file.")
    body, size = _open_stream(field)
    response = FileResponse(
        body,
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type
        or mimetypes.guess_type(filename)[0]
        or "application/octet-stream",
    )
    if size is not None:
        response["Content-Length"] = str(size)
    return response


def stored_extension(field: FieldFile, content_type: str = "") -> str:
    """The file's extension without the dot ("jpg", "pdf"), from its type when known, else
    from its stored name (which a storage may have suffixed to keep names unique)."""
    if content_type and (guessed := mimetypes.guess_extension(content_type)):
        return {"jpe": "jpg", "jpeg": "jpg"}.get(guessed[1:], guessed[1:])
    tail = field.name.rsplit("/", 1)[-1]
    return tail.rsplit(".", 1)[-1].lower() if "." in tail else "bin"


def _open_stream(field: FieldFile):
    """(a readable body, its size in bytes or None). An S3 object's body is read from the
    bucket chunk by chunk as the response goes out; reading it through the storage's file
    object would first copy the whole object into the app server's memory."""
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing.") from exc
    obj = getattr(handle, "obj", None)  # django-storages' S3File: its boto3 Object
    if obj is None:
        return handle, None  # a local file: FileResponse measures it
    got = obj.get()
    return got["Body"], got.get("ContentLength")
