"""The one check of an uploaded photo: a real JPEG or PNG no larger than
``DEGS_PHOTO_MAX_BYTES``, re-encoded by the app so that nothing of the original file is kept
but its pixels (no EXIF: no camera, no location, no time), turned upright and no longer than
``DEGS_PHOTO_MAX_SIDE`` on its long side. Inspections (centres) and rollout evidence use it.

The file is read once (linear in its size); the decoded picture is bounded by Pillow's
decompression-bomb limit.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from degs.core.uploads import check_size, file_head

PHOTO_SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def check_photo(upload: UploadedFile, field: str = "photos") -> tuple[bytes, str, int, int]:
    """The photo re-encoded without metadata (location, camera), its type and size in pixels.

    Refuses anything that is not really a JPEG or PNG picture (by its content, not its name),
    or is larger than allowed, with a ValidationError on ``field``.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = upload.name or ""
    check_size(upload, settings.DEGS_PHOTO_MAX_BYTES, field)
    head = file_head(upload, 8)
    content_type = next((t for sig, t in PHOTO_SIGNATURES.items() if head.startswith(sig)), "")
    not_a_photo = ValidationError(
        {field: _("“%(name)s” is not a JPEG or PNG photo.") % {"name": name}}
    )
    if not content_type:
        raise not_a_photo
    try:
        with Image.open(upload) as image:
            image.load()
            picture = ImageOps.exif_transpose(image) or image
            side = settings.DEGS_PHOTO_MAX_SIDE
            picture.thumbnail((side, side))
            out = io.BytesIO()
            if content_type == "image/png":
                picture.save(out, format="PNG", optimize=True)
            else:
                picture.convert("RGB").save(out, format="JPEG", quality=85)
            width, height = picture.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise not_a_photo from error
    return out.getvalue(), content_type, width, height
