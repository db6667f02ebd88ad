"""images stage: validate figure image files and normalise them to 8-bit RGB for OCR.

>>> from pfocr.images import load_image
>>> image = load_image(Path("figure.jpg"))  # doctest: +SKIP
>>> image.rgb.shape, image.mime  # doctest: +SKIP
((600, 800, 3), 'image/jpeg')
"""

from pfocr.images.errors import ImageError
from pfocr.images.formats import IMAGE_EXTENSIONS, MIME_TYPES, sniff_format
from pfocr.images.load import MIN_IMAGE_SIDE, load_image, load_image_bytes
from pfocr.images.models import LoadedImage

__all__ = [
    "IMAGE_EXTENSIONS",
    "MIME_TYPES",
    "MIN_IMAGE_SIDE",
    "ImageError",
    "LoadedImage",
    "load_image",
    "load_image_bytes",
    "sniff_format",
]
