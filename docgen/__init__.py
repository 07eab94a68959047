"""docgen: dokumen budaya kerja Pemerintah Kabupaten Purbalingga (Perbup 11/2020)."""

__version__ = "0.1.0"
