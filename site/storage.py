"""Static files in production: whitenoise's hashed and compressed names, served with far-future expiry."""

from urllib.parse import unquote, urlsplit

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Tolerates a stylesheet's reference to a file its package does not ship (viewflow's Material UI,
    which is not mounted here, points at Roboto fonts it leaves out): the reference keeps its plain name
    instead of failing collectstatic. A page asking for a file missing from the manifest still fails."""

    def hashed_name(self, name, content=None, filename=None):
        if content is None and not self.exists(urlsplit(unquote(filename or name)).path.strip()):
            return name
        return super().hashed_name(name, content, filename)

    def create_compressor(self, **kwargs):
        # gzip only: collectstatic runs at every start (`make serve`), and Brotli at its highest level
        # multiplies its time on a small server; nginx's gzip_static serves the same .gz files.
        return super().create_compressor(use_brotli=False, **kwargs)
